using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// Conv2d with Scaled Weight Standardization (DeepMind WSConv2D / timm ScaledStdConv2dSame). Parameters and
/// their state_dict keys match timm: weight [out, in/groups, k, k], bias [out], gain [out, 1, 1, 1].
/// </summary>
/// <remarks>
/// Inference cache: standardizing the weight is pure overhead once the weights stop changing, so when the
/// module is in eval mode and no gradient to weight or gain can be requested (grad disabled, or both frozen)
/// the standardized weight is computed once and reused. TorchSharp exposes no tensor version counter, so the
/// cache cannot notice in-place writes by itself; instead it is dropped whenever the parameters could be
/// changed from outside: <c>train()</c>/<c>eval()</c>, the <see cref="weight"/>/<see cref="gain"/> getters and
/// setters, <c>named_parameters()</c>/<c>parameters()</c> and <c>state_dict()</c> (which <c>load</c> and
/// <c>load_state_dict</c> go through), and whenever weight or gain is a different tensor than the one cached
/// (<c>.to(device|dtype)</c> replaces the Parameter objects). Code that keeps its own references and edits them in eval
/// mode must call <see cref="InvalidateWeightCache"/>. Training never uses the cache.
/// </remarks>
public sealed class ScaledStdConv2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")] private Parameter _weight;
    [ComponentName(Name = "bias")] private Parameter _bias;
    [ComponentName(Name = "gain")] private Parameter _gain;

    // Held in a plain class, never in a Tensor field: RegisterComponents would make a Tensor field a buffer.
    private readonly StandardizedWeightCache _cache = new();

    /// <summary>Creates the convolution; weight ~ N(0, 1/fan_in) (DeepMind VarianceScaling), bias 0, gain 1.</summary>
    /// <param name="gamma">A constant factor on the standardized weight: the activation's γ where it is folded into the convs (timm), else 1.</param>
    /// <param name="inputScale">
    /// A constant the input is multiplied by, folded into the weight (conv(s·x, W) = conv(x, s·W); the bias is unaffected):
    /// the blocks and the stem move their activations' γ and the blocks' β here, which saves a full-size multiply forward
    /// and backward, values and gradients unchanged up to float rounding.
    /// </param>
    public ScaledStdConv2d(
        long inChannels,
        long outChannels,
        long kernelSize,
        long stride = 1,
        long groups = 1,
        NfNumerics? numerics = null,
        Device? device = null,
        double gamma = 1.0,
        double inputScale = 1.0)
        : base(nameof(ScaledStdConv2d))
    {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || groups <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), "Channels, kernel size, stride and groups must be positive.");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"groups ({groups}) must divide in ({inChannels}) and out ({outChannels}) channels.", nameof(groups));

        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Groups = groups;
        Numerics = numerics ?? NfNumerics.DeepMind;
        Gamma = gamma;
        InputScale = inputScale;

        long fanIn = inChannels / groups * kernelSize * kernelSize;
        var weightInit = empty(new[] { outChannels, inChannels / groups, kernelSize, kernelSize }, device: device);
        if (!weightInit.is_meta)
        {
            using (no_grad()) nn.init.normal_(weightInit, 0.0, Math.Sqrt(1.0 / fanIn));
        }
        _weight = new Parameter(weightInit);
        _bias = new Parameter(zeros(new[] { outChannels }, device: device));
        _gain = new Parameter(ones(new[] { outChannels, 1L, 1L, 1L }, device: device));
        RegisterComponents();
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Square kernel size.</summary>
    public long KernelSize { get; }

    /// <summary>Stride (both dims).</summary>
    public long Stride { get; }

    /// <summary>Convolution groups.</summary>
    public long Groups { get; }

    /// <summary>WS epsilon and padding semantics.</summary>
    public NfNumerics Numerics { get; }

    /// <summary>Constant factor on the standardized weight (γ folded into the conv, or 1).</summary>
    public double Gamma { get; }

    /// <summary>Constant factor on the input, folded into the weight (the preceding activation's γ and β, or 1).</summary>
    public double InputScale { get; }

    /// <summary>Whether the next eval-mode forward can reuse a cached standardized weight.</summary>
    public bool HasCachedWeight => _cache.IsValidFor(_weight, _gain);

    /// <summary>Raw (unstandardized) weight [out, in/groups, k, k].</summary>
    public Parameter weight
    {
        get { InvalidateWeightCache(); return _weight; }
        set { InvalidateWeightCache(); _weight = value; ConditionallyRegisterParameter("weight", value); }
    }

    /// <summary>Bias [out], always added (DeepMind adds it unconditionally).</summary>
    public Parameter bias
    {
        get => _bias;
        set { _bias = value; ConditionallyRegisterParameter("bias", value); }
    }

    /// <summary>Learnable per-channel gain [out, 1, 1, 1] applied after standardization.</summary>
    public Parameter gain
    {
        get { InvalidateWeightCache(); return _gain; }
        set { InvalidateWeightCache(); _gain = value; ConditionallyRegisterParameter("gain", value); }
    }

    /// <summary>Drops the cached standardized weight; the next eval forward recomputes it.</summary>
    public void InvalidateWeightCache() => _cache.Clear();

    /// <summary>The weight actually convolved with: standardized, times gain, γ and the input scale. The caller owns the result.</summary>
    public Tensor StandardizedWeight() => WeightStandardization.Standardize(_weight, _gain, Numerics.WsEpsilon, Gamma * InputScale);

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var w = CanUseCache() ? CachedWeight() : StandardizedWeight();
        var (padded, padding) = ConvPaddingMath.PadForConv(input, KernelSize, Stride, Numerics.Padding);
        return F.conv2d(padded, w, _bias, strides: new[] { Stride, Stride }, padding: padding, groups: Groups).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override void train(bool train = true)
    {
        InvalidateWeightCache();
        base.train(train);
    }

    /// <inheritdoc/>
    public override IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        // Whoever enumerates parameters may write to them (optimizers, EMA, loaders).
        InvalidateWeightCache();
        return base.named_parameters(recurse);
    }

    /// <inheritdoc/>
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
    {
        // load() and load_state_dict() copy into the tensors this returns.
        InvalidateWeightCache();
        return base.state_dict(destination, prefix);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _cache.Clear();
        base.Dispose(disposing);
    }

    private bool CanUseCache() =>
        !training && !(is_grad_enabled() && (_weight.requires_grad || _gain.requires_grad));

    private Tensor CachedWeight()
    {
        if (!_cache.IsValidFor(_weight, _gain))
        {
            using (no_grad())
            {
                var standardized = StandardizedWeight();
                _cache.Store(standardized.DetachFromDisposeScope(), _weight, _gain);
            }
        }
        return _cache.Weight!;
    }

    /// <summary>
    /// The standardized weight (with γ and the input scale), plus the parameter objects it was computed from.
    /// </summary>
    private sealed class StandardizedWeightCache
    {
        // Object identity, not native handles: a freed handle's address can be reused by a new tensor.
        private Tensor? _weightSource;
        private Tensor? _gainSource;

        public Tensor? Weight { get; private set; }

        public bool IsValidFor(Tensor weight, Tensor gain) =>
            Weight is not null && ReferenceEquals(weight, _weightSource) && ReferenceEquals(gain, _gainSource);

        public void Store(Tensor standardized, Tensor weight, Tensor gain)
        {
            Clear();
            Weight = standardized;
            _weightSource = weight;
            _gainSource = gain;
        }

        public void Clear()
        {
            Weight?.Dispose();
            Weight = null;
            _weightSource = null;
            _gainSource = null;
        }
    }
}
