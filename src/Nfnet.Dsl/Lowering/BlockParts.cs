namespace Nfnet.Dsl.Lowering;

public enum BlockKind
{
    /// <summary>Mid width from the output width; attention after conv3 by default (NFNet, NF-ResNet).</summary>
    Bottleneck,
    /// <summary>Mid width from the input width; attention before conv3 by default (NF-RegNet).</summary>
    RegNet,
}

public enum ShortcutKind
{
    /// <summary>2×2 average pool when strided, then a 1×1 conv (DeepMind NFNet, timm DownsampleAvg).</summary>
    AvgPool,
    /// <summary>A 1×1 conv carrying the stride (DeepMind NF-ResNet).</summary>
    StridedConv,
}

public enum ZeroInit
{
    /// <summary>A scalar skipinit_gain per block, initialized to 0.</summary>
    SkipinitGain,
    /// <summary>No extra tensor; conv3's gain is initialized to 0.</summary>
    Conv3Gain,
}

public enum GammaPlacement
{
    /// <summary>γ·f(x) in every activation.</summary>
    Activation,
    /// <summary>γ folded into every conv's weight scale; activations plain.</summary>
    Conv,
}

/// <summary>The network-wide parts every block of a model shares (timm's NfCfg switches).</summary>
public sealed record BlockParts(BlockKind Kind, bool ExtraConv, ShortcutKind Shortcut, ZeroInit ZeroInit, GammaPlacement GammaPlacement)
{
    /// <summary>DeepMind's NFNet-F block.</summary>
    public static BlockParts NfnetF { get; } = new(BlockKind.Bottleneck, true, ShortcutKind.AvgPool, ZeroInit.SkipinitGain, GammaPlacement.Activation);
}
