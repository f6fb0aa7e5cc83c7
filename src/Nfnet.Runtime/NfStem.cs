using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// The stem of a normalizer-free network: scaled WS convs with an activation after every conv but the last (the first
/// block starts with its own activation), optionally followed by a 3×3 stride-2 max-pool. timm's module names: a single
/// conv is <c>conv</c>; several are <c>conv1..convN</c> with <c>act2..actN</c> after the conv they follow; the pool is
/// <c>pool</c>. NFNet-F's deep stem is widths [16, 32, 64, 128], kernels 3, strides [2, 1, 1, 2]; NF-ResNet's is one
/// 7×7/2 conv and the pool.
/// </summary>
public sealed class NfStem : nn.Module<Tensor, Tensor>
{
    // Registered explicitly under timm's names; lists are invisible to RegisterComponents, so nothing is registered twice.
    private readonly List<ScaledStdConv2d> _convs = new();
    private readonly List<GammaActivation> _activations = new();

    /// <summary>Creates the stem.</summary>
    public NfStem(
        long inChannels,
        IReadOnlyList<long> widths,
        IReadOnlyList<long> kernelSizes,
        IReadOnlyList<long> strides,
        bool maxPool,
        NfConfig config,
        Device? device = null)
        : base(nameof(NfStem))
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(kernelSizes);
        ArgumentNullException.ThrowIfNull(strides);
        ArgumentNullException.ThrowIfNull(config);
        if (widths.Count == 0 || widths.Count != strides.Count || widths.Count != kernelSizes.Count)
            throw new ArgumentException("widths, kernel sizes and strides must be non-empty and of equal length.", nameof(strides));

        long channels = inChannels;
        for (int i = 0; i < widths.Count; i++)
        {
            // Every conv after the first follows an activation, whose γ it takes as its input scale (see NormFreeBlock).
            var conv = config.CreateConv(channels, widths[i], kernelSizes[i], strides[i], device: device, inputScale: i > 0 ? config.InActivationGamma : 1.0);
            _convs.Add(conv);
            register_module(widths.Count == 1 ? "conv" : $"conv{i + 1}", conv);
            if (i < widths.Count - 1)
            {
                var act = config.CreateUnscaledActivation();
                _activations.Add(act);
                register_module($"act{i + 2}", act);
            }
            channels = widths[i];
        }
        OutChannels = channels;
        Widths = widths;
        KernelSizes = kernelSizes;
        Strides = strides;
        MaxPool = maxPool;
        Padding = config.EffectiveNumerics.Padding;
    }

    /// <summary>Output channels (the last width).</summary>
    public long OutChannels { get; }

    /// <summary>Per-conv output widths.</summary>
    public IReadOnlyList<long> Widths { get; }

    /// <summary>Per-conv square kernel sizes.</summary>
    public IReadOnlyList<long> KernelSizes { get; }

    /// <summary>Per-conv strides.</summary>
    public IReadOnlyList<long> Strides { get; }

    /// <summary>Whether a 3×3 stride-2 max-pool follows the last conv.</summary>
    public bool MaxPool { get; }

    /// <summary>How the max-pool pads: TF SAME (with −∞, so padding never wins) or 1 on every side.</summary>
    public ConvPadding Padding { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (int i = 0; i < _convs.Count; i++)
            x = _convs[i].call(i > 0 ? _activations[i - 1].call(x) : x);
        if (MaxPool) x = Pool(x, Padding);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The 3×3 stride-2 max-pool with either padding; both give ceil(size / 2).</summary>
    public static Tensor Pool(Tensor x, ConvPadding padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (padding == ConvPadding.Symmetric)
            return F.max_pool2d(x, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 });
        using var scope = NewDisposeScope();
        var (top, bottom) = ConvPaddingMath.Same(x.shape[^2], 3, 2);
        var (left, right) = ConvPaddingMath.Same(x.shape[^1], 3, 2);
        var padded = F.pad(x, new[] { left, right, top, bottom }, PaddingModes.Constant, double.NegativeInfinity);
        return F.max_pool2d(padded, new long[] { 3, 3 }, new long[] { 2, 2 }).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var conv in _convs) conv.Dispose();
            foreach (var act in _activations) act.Dispose();
        }
        base.Dispose(disposing);
    }
}
