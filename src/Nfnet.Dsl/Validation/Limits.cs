namespace Nfnet.Dsl.Validation;

/// <summary>
/// Sizes beyond these are mistakes or attacks, not models: the largest NFNet (F7+) has 2048-wide stages, 96 blocks
/// and 608-pixel images. Rejecting them keeps every later computation (parameter counts, MACs, generated code) bounded.
/// </summary>
public static class Limits
{
    public const long MaxChannels = 65_536;
    public const long MaxBlocks = 1_000;
    public const long MaxDepthMultiplier = 100;
    public const long MaxImageSize = 8_192;
    public const long MaxClasses = 1_000_000;
    public const int MaxStemConvs = 8;
    public const double MaxExpansion = 16;
    public const double MaxFinalConvMultiplier = 16;
    public const double MaxWidthFactor = 16;
    public const double MaxAttentionGain = 16;
    public const long MaxEcaKernel = 63;
    public const int MaxTextLength = 512;
    public const int MaxInheritanceDepth = 64;
    /// <summary>Keeps the total stride (4 · 2^stages at most) far inside an int.</summary>
    public const int MaxStages = 16;
}
