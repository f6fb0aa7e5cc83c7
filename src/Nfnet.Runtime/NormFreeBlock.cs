using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>
/// The NFNet bottleneck block (DeepMind NFBlock, timm NormFreeBlock with dm_nfnet settings):
/// <code>
/// out = act(x)·β;  shortcut = downsample(out) if present else x
/// out = conv3(act(conv2b(act(conv2(act(conv1(out)))))))
/// out = out·(2·attn_last(out));  out = drop_path(out);  out = out·skipinit_gain
/// return out·α + shortcut
/// </code>
/// Field names are timm's, so state_dict keys read conv1.weight, conv2b.gain, attn_last.fc1.bias,
/// downsample.conv.weight, skipinit_gain, ...
/// </summary>
public sealed class NormFreeBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>DeepMind rescales the SE gate by 2 so an untrained gate (≈0.5) keeps the variance.</summary>
    public const double AttentionGain = 2.0;

#pragma warning disable IDE1006 // timm attribute names: they become state_dict keys.
    private readonly DownsampleAvg? downsample;
    private readonly GammaActivation act1;
    private readonly ScaledStdConv2d conv1;
    private readonly GammaActivation act2;
    private readonly ScaledStdConv2d conv2;
    private readonly GammaActivation act2b;
    private readonly ScaledStdConv2d conv2b;
    private readonly GammaActivation act3;
    private readonly ScaledStdConv2d conv3;
    private readonly SqueezeExcite? attn_last;
    private readonly StochasticDepth? drop_path;
    private readonly Parameter skipinit_gain;
#pragma warning restore IDE1006

    /// <summary>Creates the block. <paramref name="seHiddenChannels"/> = 0 builds it without squeeze-excite.</summary>
    public NormFreeBlock(
        long inChannels,
        long outChannels,
        long midChannels,
        long groups,
        long stride,
        double beta,
        double alpha,
        double dropPathRate,
        long seHiddenChannels,
        string activation = "gelu",
        NfNumerics? numerics = null,
        Device? device = null)
        : base(nameof(NormFreeBlock))
    {
        if (seHiddenChannels < 0) throw new ArgumentOutOfRangeException(nameof(seHiddenChannels));
        if (dropPathRate < 0.0 || dropPathRate >= 1.0) throw new ArgumentOutOfRangeException(nameof(dropPathRate), dropPathRate, "Must be in [0, 1).");
        var nm = numerics ?? NfNumerics.DeepMind;

        InChannels = inChannels;
        OutChannels = outChannels;
        MidChannels = midChannels;
        Groups = groups;
        Stride = stride;
        Beta = beta;
        Alpha = alpha;
        DropPathRate = dropPathRate;
        SeHiddenChannels = seHiddenChannels;
        Activation = activation;
        Numerics = nm;

        if (stride != 1 || inChannels != outChannels)
            downsample = new DownsampleAvg(inChannels, outChannels, stride, nm, device);
        act1 = new GammaActivation(activation, nm);
        conv1 = new ScaledStdConv2d(inChannels, midChannels, 1, numerics: nm, device: device);
        act2 = new GammaActivation(activation, nm);
        conv2 = new ScaledStdConv2d(midChannels, midChannels, 3, stride: stride, groups: groups, numerics: nm, device: device);
        act2b = new GammaActivation(activation, nm);
        conv2b = new ScaledStdConv2d(midChannels, midChannels, 3, stride: 1, groups: groups, numerics: nm, device: device);
        act3 = new GammaActivation(activation, nm);
        conv3 = new ScaledStdConv2d(midChannels, outChannels, 1, numerics: nm, device: device);
        if (seHiddenChannels > 0) attn_last = new SqueezeExcite(outChannels, seHiddenChannels, device);
        // DeepMind creates StochDepth only for 0 < rate < 1; block 0 of a network has rate 0.
        if (dropPathRate > 0.0) drop_path = new StochasticDepth(dropPathRate, scaleByKeep: false);
        // Zero-initialised residual branch ("skipinit"): every block starts as the identity.
        skipinit_gain = new Parameter(zeros(Array.Empty<long>(), device: device));
        RegisterComponents();
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Width of the grouped 3×3 convs.</summary>
    public long MidChannels { get; }

    /// <summary>Groups of conv2/conv2b.</summary>
    public long Groups { get; }

    /// <summary>Stride carried by conv2 (and the shortcut pooling).</summary>
    public long Stride { get; }

    /// <summary>1/expected std of the input, multiplied after the first activation.</summary>
    public double Beta { get; }

    /// <summary>Residual branch scale.</summary>
    public double Alpha { get; }

    /// <summary>Stochastic depth drop rate (0 = no drop_path module).</summary>
    public double DropPathRate { get; }

    /// <summary>Squeeze-excite hidden width (0 = no attn_last module).</summary>
    public long SeHiddenChannels { get; }

    /// <summary>Activation name.</summary>
    public string Activation { get; }

    /// <summary>Numerics of the convs and activations.</summary>
    public NfNumerics Numerics { get; }

    /// <summary>Whether the block has a projection shortcut.</summary>
    public bool HasDownsample => downsample is not null;

    /// <summary>The scalar skipinit gain (shape []).</summary>
    public Parameter SkipinitGain => skipinit_gain;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var preact = act1.Apply(input, Beta);
        var shortcut = downsample is null ? input : downsample.call(preact);

        var branch = conv1.call(preact);
        branch = conv2.call(act2.call(branch));
        branch = conv2b.call(act2b.call(branch));
        branch = conv3.call(act3.call(branch));
        if (attn_last is not null) branch = branch.mul(attn_last.call(branch).mul(AttentionGain));
        if (drop_path is not null) branch = drop_path.call(branch);
        branch = branch.mul(skipinit_gain);

        // shortcut + α·branch in one op.
        return shortcut.add(branch, alpha: Alpha).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            downsample?.Dispose();
            act1.Dispose();
            conv1.Dispose();
            act2.Dispose();
            conv2.Dispose();
            act2b.Dispose();
            conv2b.Dispose();
            act3.Dispose();
            conv3.Dispose();
            attn_last?.Dispose();
            drop_path?.Dispose();
        }
        base.Dispose(disposing);
    }
}
