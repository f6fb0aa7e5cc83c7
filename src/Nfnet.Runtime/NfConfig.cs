using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>Where the activation's variance-preserving γ is applied.</summary>
public enum GammaPlacement
{
    /// <summary>In every activation, γ·f(x) (DeepMind; timm's dm_nfnet models, gamma_in_act).</summary>
    Activation,

    /// <summary>
    /// Folded into every scaled WS conv's weight scale, activations plain (timm's other NF models). The first stem conv
    /// and the final conv are scaled too, and the final activation has no γ, so the two forms are different functions.
    /// </summary>
    Conv,
}

/// <summary>The projection shortcut of a block that changes width or stride, always registered as <c>downsample.conv</c>.</summary>
public enum ShortcutKind
{
    /// <summary>2×2 average pool at the block's stride (when strided), then a 1×1 conv (timm DownsampleAvg, DeepMind NFNet).</summary>
    AvgPool,

    /// <summary>A 1×1 conv carrying the stride (DeepMind's NF-ResNet conv_shortcut).</summary>
    StridedConv,
}

/// <summary>How a block's residual branch starts at zero.</summary>
public enum ZeroInit
{
    /// <summary>A scalar parameter <c>skipinit_gain</c>, initialized to 0, multiplies the branch (DeepMind; timm skipinit).</summary>
    SkipinitGain,

    /// <summary>No extra tensor: conv3's gain starts at 0 instead (timm's models without skipinit).</summary>
    Conv3Gain,
}

/// <summary>Whether stochastic depth follows DeepMind or timm.</summary>
public enum StochasticDepthMode
{
    /// <summary>Block i of N drops with rate·i/N; kept branches are not rescaled.</summary>
    DeepMind,

    /// <summary>Block i of N drops with rate·i/(N−1); kept branches are divided by the keep probability.</summary>
    Timm,
}

/// <summary>
/// The network-wide switches of a normalizer-free network (the booleans of timm's NfCfg): every block, the stem and the
/// final conv of one network are built from the same configuration, so a family is data, not a class.
/// </summary>
/// <param name="Activation">Activation name (a key of <see cref="Activations.Gammas"/>).</param>
/// <param name="Numerics">WS epsilon, padding, GELU form and stochastic-depth mode.</param>
/// <param name="GammaPlacement">Whether γ sits in the activations or in the convs.</param>
/// <param name="ExtraConv">Whether bottlenecks have the second grouped 3×3 conv (conv2b, NFNet-F).</param>
/// <param name="Shortcut">The projection shortcut's form.</param>
/// <param name="ZeroInit">How the residual branch is zero-initialized.</param>
public sealed record NfConfig(
    string Activation = "gelu",
    NfNumerics? Numerics = null,
    GammaPlacement GammaPlacement = GammaPlacement.Activation,
    bool ExtraConv = true,
    ShortcutKind Shortcut = ShortcutKind.AvgPool,
    ZeroInit ZeroInit = ZeroInit.SkipinitGain)
{
    /// <summary>DeepMind's NFNet-F: GELU, DeepMind numerics, γ in the activations, conv2b, avg-pool shortcut, skipinit gain.</summary>
    public static NfConfig DeepMind { get; } = new();

    /// <summary>The numerics in effect (DeepMind's when none were given).</summary>
    public NfNumerics EffectiveNumerics => Numerics ?? NfNumerics.DeepMind;

    /// <summary>γ of the activation.</summary>
    public double ActivationGamma => Activations.GammaOf(Activation);

    /// <summary>The factor every scaled WS conv multiplies its weight by: γ when it is folded there, else 1.</summary>
    public double ConvGamma => GammaPlacement == GammaPlacement.Conv ? ActivationGamma : 1.0;

    /// <summary>An activation as this network applies it (with γ, or plain when γ is in the convs).</summary>
    public GammaActivation CreateActivation() => new(Activation, EffectiveNumerics, gamma: InActivationGamma);

    /// <summary>The γ an activation module carries: <see cref="ActivationGamma"/> with γ in the activations, else 1.</summary>
    public double InActivationGamma => GammaPlacement == GammaPlacement.Activation ? ActivationGamma : 1.0;

    /// <summary>
    /// The activation alone, f(x): for the blocks and the stem, which fold <see cref="InActivationGamma"/> into the input
    /// scale of the conv that follows (<see cref="CreateConv"/>'s <c>inputScale</c>).
    /// </summary>
    public GammaActivation CreateUnscaledActivation() => new(Activation, EffectiveNumerics, gamma: 1.0);

    /// <summary>A scaled weight-standardized conv with this network's numerics and γ, times a constant input scale.</summary>
    public ScaledStdConv2d CreateConv(long inChannels, long outChannels, long kernelSize, long stride = 1, long groups = 1,
        double gainInit = 1.0, Device? device = null, double inputScale = 1.0)
    {
        var conv = new ScaledStdConv2d(inChannels, outChannels, kernelSize, stride, groups, EffectiveNumerics, device, ConvGamma, inputScale);
        if (gainInit != 1.0 && !conv.gain.is_meta)
        {
            using (no_grad()) conv.gain.fill_(gainInit);
        }
        return conv;
    }

    internal void Validate()
    {
        if (!Activations.IsKnown(Activation))
            throw new ArgumentException($"Unknown activation '{Activation}'. Known: {string.Join(", ", Activations.Gammas.Keys)}.", nameof(Activation));
    }
}
