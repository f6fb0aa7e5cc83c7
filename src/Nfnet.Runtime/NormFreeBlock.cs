using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>
/// The normalizer-free pre-activation bottleneck block, one class for every family (timm's NormFreeBlock, DeepMind's
/// NFBlock and NF-ResNet/NF-RegNet blocks), its parts chosen by <see cref="NfConfig"/> and <see cref="BlockAttention"/>:
/// <code>
/// out = act1(x)·β;  shortcut = downsample(out) if present else x
/// out = conv2(act2(conv1(out)));  out = conv2b(act2b(out))        (conv2b only with ExtraConv)
/// out = gain·attn(out)                                             (attention placed Mid)
/// out = conv3(act3(out))
/// out = gain·attn_last(out)                                        (attention placed Last)
/// out = drop_path(out);  out = out·skipinit_gain                   (skipinit_gain only with ZeroInit.SkipinitGain)
/// return out·α + shortcut
/// </code>
/// The constants are folded where they cost nothing: each activation module computes f(x) alone, and its γ (act1's times
/// β) is the input scale of the convs it feeds, carried by their standardized weights; α and the skip gain join the
/// residual add. The function is the one above, up to float rounding, in training and at inference alike.
/// Field names are timm's, so state_dict keys read conv1.weight, conv2b.gain, attn_last.fc1.bias, attn.fc2.weight,
/// attn_last.conv.weight (ECA), downsample.conv.weight, skipinit_gain, ...
/// </summary>
public sealed class NormFreeBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute names: they become state_dict keys.
    private readonly Downsample? downsample;
    private readonly GammaActivation act1;
    private readonly ScaledStdConv2d conv1;
    private readonly GammaActivation act2;
    private readonly ScaledStdConv2d conv2;
    private readonly GammaActivation? act2b;
    private readonly ScaledStdConv2d? conv2b;
    private readonly nn.Module<Tensor, Tensor>? attn;
    private readonly GammaActivation act3;
    private readonly ScaledStdConv2d conv3;
    private readonly nn.Module<Tensor, Tensor>? attn_last;
    private readonly StochasticDepth? drop_path;
    private readonly Parameter? skipinit_gain;
#pragma warning restore IDE1006

    /// <summary>Creates the block; <paramref name="attention"/> null builds it without channel attention.</summary>
    public NormFreeBlock(
        long inChannels,
        long outChannels,
        long midChannels,
        long groups,
        long stride,
        double beta,
        double alpha,
        double dropPathRate,
        BlockAttention? attention,
        NfConfig config,
        Device? device = null)
        : base(nameof(NormFreeBlock))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (dropPathRate < 0.0 || dropPathRate >= 1.0) throw new ArgumentOutOfRangeException(nameof(dropPathRate), dropPathRate, "Must be in [0, 1).");
        var numerics = config.EffectiveNumerics;

        InChannels = inChannels;
        OutChannels = outChannels;
        MidChannels = midChannels;
        Groups = groups;
        Stride = stride;
        Beta = beta;
        Alpha = alpha;
        DropPathRate = dropPathRate;
        Attention = attention;
        Config = config;

        // Each activation computes f(x) alone; its γ (and act1's β) is the input scale of the convs it feeds, folded into
        // their standardized weights, so no full-size pass is spent on a constant (convs and average pools are linear).
        double gamma = config.InActivationGamma;
        if (stride != 1 || inChannels != outChannels)
            downsample = new Downsample(inChannels, outChannels, stride, config, device, inputScale: gamma * beta);
        act1 = config.CreateUnscaledActivation();
        conv1 = config.CreateConv(inChannels, midChannels, 1, device: device, inputScale: gamma * beta);
        act2 = config.CreateUnscaledActivation();
        conv2 = config.CreateConv(midChannels, midChannels, 3, stride, groups, device: device, inputScale: gamma);
        if (config.ExtraConv)
        {
            act2b = config.CreateUnscaledActivation();
            conv2b = config.CreateConv(midChannels, midChannels, 3, 1, groups, device: device, inputScale: gamma);
        }
        if (attention is { Place: AttentionPlace.Mid })
            attn = attention.Create(midChannels, numerics, device);
        act3 = config.CreateUnscaledActivation();
        // Zero-initialised residual branch: either the scalar skip gain or conv3's gain starts at 0.
        conv3 = config.CreateConv(midChannels, outChannels, 1, gainInit: config.ZeroInit == ZeroInit.Conv3Gain ? 0.0 : 1.0, device: device, inputScale: gamma);
        if (attention is { Place: AttentionPlace.Last })
            attn_last = attention.Create(outChannels, numerics, device);
        // DeepMind creates StochDepth only for 0 < rate < 1 and timm no DropPath for rate 0: block 0 never has one.
        if (dropPathRate > 0.0)
            drop_path = new StochasticDepth(dropPathRate, scaleByKeep: numerics.StochasticDepth == StochasticDepthMode.Timm);
        if (config.ZeroInit == ZeroInit.SkipinitGain)
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

    /// <summary>Stride carried by conv2 (and the shortcut).</summary>
    public long Stride { get; }

    /// <summary>1/expected std of the input, multiplied after the first activation.</summary>
    public double Beta { get; }

    /// <summary>Residual branch scale.</summary>
    public double Alpha { get; }

    /// <summary>Stochastic depth drop rate (0 = no drop_path module).</summary>
    public double DropPathRate { get; }

    /// <summary>The block's channel attention, or null.</summary>
    public BlockAttention? Attention { get; }

    /// <summary>The network-wide switches the block was built with.</summary>
    public NfConfig Config { get; }

    /// <summary>Activation name.</summary>
    public string Activation => Config.Activation;

    /// <summary>Numerics of the convs and activations.</summary>
    public NfNumerics Numerics => Config.EffectiveNumerics;

    /// <summary>Whether the block has a projection shortcut.</summary>
    public bool HasDownsample => downsample is not null;

    /// <summary>The scalar skipinit gain (shape []), or null when conv3's gain zero-initializes the branch.</summary>
    public Parameter? SkipinitGain => skipinit_gain;

    /// <summary>
    /// Sets the gain that zero-initializes the residual branch (skipinit_gain, or conv3's gain per channel) to
    /// <paramref name="value"/>: analyses at initialization open the branches with 1, since at 0 every block is the identity.
    /// </summary>
    public void SetZeroInitGain(double value)
    {
        using var noGrad = no_grad();
        if (skipinit_gain is not null)
            skipinit_gain.fill_(value);
        else
            conv3.gain.fill_(value);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var activated = act1.call(input);   // γ and β ride on conv1 and the shortcut conv
        var shortcut = downsample is null ? input : downsample.call(activated);

        var branch = conv1.call(activated);
        branch = conv2.call(act2.call(branch));
        if (conv2b is not null) branch = conv2b.call(act2b!.call(branch));
        if (attn is not null) branch = Gate(branch, attn);
        branch = conv3.call(act3.call(branch));
        if (attn_last is not null) branch = Gate(branch, attn_last);
        if (drop_path is not null) branch = drop_path.call(branch);

        // shortcut + α·skip_gain·branch in one op.
        var output = skipinit_gain is null ? shortcut.add(branch, alpha: Alpha) : shortcut.addcmul(branch, skipinit_gain, Alpha);
        return output.MoveToOuterDisposeScope();
    }

    private Tensor Gate(Tensor branch, nn.Module<Tensor, Tensor> gate) => branch.mul(gate.call(branch).mul(Attention!.Gain));

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
            act2b?.Dispose();
            conv2b?.Dispose();
            attn?.Dispose();
            act3.Dispose();
            conv3.Dispose();
            attn_last?.Dispose();
            drop_path?.Dispose();
        }
        base.Dispose(disposing);
    }
}
