using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>
/// The NFNet "deep quad" stem: 3×3 <see cref="ScaledStdConv2d"/>s named conv1..convN with an activation after
/// every conv but the last (the first block starts with its own activation). timm names the activations
/// act2..actN, after the conv they follow, so module paths match too. For F0: widths [16, 32, 64, 128],
/// strides [2, 1, 1, 2].
/// </summary>
public sealed class DeepStem : nn.Module<Tensor, Tensor>
{
    // Registered explicitly under "convK"/"actK"; lists are invisible to RegisterComponents, so nothing is
    // registered twice.
    private readonly List<ScaledStdConv2d> _convs = new();
    private readonly List<GammaActivation> _activations = new();

    /// <summary>Creates the stem.</summary>
    public DeepStem(
        long inChannels,
        IReadOnlyList<long> widths,
        IReadOnlyList<long> strides,
        string activation,
        NfNumerics numerics,
        Device? device = null)
        : base(nameof(DeepStem))
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(strides);
        if (widths.Count == 0 || widths.Count != strides.Count)
            throw new ArgumentException("widths and strides must be non-empty and of equal length.", nameof(strides));

        long channels = inChannels;
        for (int i = 0; i < widths.Count; i++)
        {
            var conv = new ScaledStdConv2d(channels, widths[i], 3, stride: strides[i], numerics: numerics, device: device);
            _convs.Add(conv);
            register_module($"conv{i + 1}", conv);
            if (i < widths.Count - 1)
            {
                var act = new GammaActivation(activation, numerics);
                _activations.Add(act);
                register_module($"act{i + 2}", act);
            }
            channels = widths[i];
        }
        OutChannels = channels;
        Widths = widths;
        Strides = strides;
    }

    /// <summary>Output channels (the last width).</summary>
    public long OutChannels { get; }

    /// <summary>Per-conv output widths.</summary>
    public IReadOnlyList<long> Widths { get; }

    /// <summary>Per-conv strides.</summary>
    public IReadOnlyList<long> Strides { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (int i = 0; i < _convs.Count; i++)
        {
            x = _convs[i].call(x);
            if (i < _activations.Count) x = _activations[i].call(x);
        }
        return x.MoveToOuterDisposeScope();
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
