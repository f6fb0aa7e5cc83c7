namespace Nfnet.Dsl.Lowering;

/// <summary>
/// One normalizer-free bottleneck block, every constant resolved: conv1 (1×1, In→Mid), conv2 (3×3 grouped, carries the
/// stride), conv2b (3×3 grouped, when the parts have it), conv3 (1×1, Mid→Out), the attention where it is placed, and a
/// projection shortcut downsample.conv when the shape changes.
/// </summary>
/// <param name="Name">The state_dict prefix, "stages.{stage}.{index}".</param>
/// <param name="Beta">The multiplier applied after the input activation: 1 / expected std of the input.</param>
/// <param name="DropPathRate">Stochastic-depth rate of this block at the plan's rate (0 for the first block).</param>
public sealed record BlockPlan(
    string Name,
    int Stage,
    int IndexInStage,
    int GlobalIndex,
    int InChannels,
    int OutChannels,
    int MidChannels,
    int Groups,
    int Stride,
    double Beta,
    double Alpha,
    double DropPathRate,
    AttentionPlan? Attention,
    BlockParts Parts)
{
    /// <summary>A shortcut conv exists iff stride &gt; 1 or the channel count changes (DeepMind and timm).</summary>
    public bool HasProjection => Stride > 1 || InChannels != OutChannels;

    public ConvPlan Conv1 => new($"{Name}.conv1", InChannels, MidChannels, 1, 1, 1);
    public ConvPlan Conv2 => new($"{Name}.conv2", MidChannels, MidChannels, 3, Stride, Groups);
    public ConvPlan? Conv2b => Parts.ExtraConv ? new($"{Name}.conv2b", MidChannels, MidChannels, 3, 1, Groups) : null;
    public ConvPlan Conv3 => new($"{Name}.conv3", MidChannels, OutChannels, 1, 1, 1);

    /// <summary>The projection: stride 1 after the pool, or carrying the block's stride itself.</summary>
    public ConvPlan? Downsample => HasProjection
        ? new($"{Name}.downsample.conv", InChannels, OutChannels, 1, Parts.Shortcut == ShortcutKind.StridedConv ? Stride : 1, 1)
        : null;

    public bool HasSkipinitGain => Parts.ZeroInit == ZeroInit.SkipinitGain;

    /// <summary>Convs, attention and the scalar skip gain.</summary>
    public long ParameterCount =>
        Conv1.ParameterCount + Conv2.ParameterCount + (Conv2b?.ParameterCount ?? 0) + Conv3.ParameterCount
        + (Downsample?.ParameterCount ?? 0) + (Attention?.ParameterCount ?? 0) + (HasSkipinitGain ? 1 : 0);

    /// <summary>DeepMind's NFBlock.count_flops: convs at their resolutions, the shortcut conv at the output resolution, attention on the pooled vector.</summary>
    public long Macs(int height, int width)
    {
        var outH = Shapes.Strided(height, Stride);
        var outW = Shapes.Strided(width, Stride);
        return checked(Conv1.Macs(height, width) + Conv2.Macs(height, width) + (Conv2b?.Macs(outH, outW) ?? 0) + Conv3.Macs(outH, outW)
            + (Downsample is { } d ? d.WeightCount * outH * outW : 0) + (Attention?.Macs ?? 0));
    }
}
