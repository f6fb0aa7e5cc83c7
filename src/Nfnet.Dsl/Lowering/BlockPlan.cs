namespace Nfnet.Dsl.Lowering;

/// <summary>
/// One normalizer-free bottleneck block, every constant resolved: conv1 (1×1, In→Mid), conv2 (3×3 grouped, carries the
/// stride), conv2b (3×3 grouped), conv3 (1×1, Mid→Out), squeeze-excite on Out, and a projection shortcut
/// (2×2 average pool when strided, then 1×1 conv) when the shape changes.
/// </summary>
/// <param name="Name">The state_dict prefix, "stages.{stage}.{index}".</param>
/// <param name="Beta">The multiplier applied after the input activation: 1 / expected std of the input.</param>
/// <param name="DropPathRate">Stochastic-depth rate·i/N for this block (0 for the first block).</param>
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
    int SeHiddenChannels)
{
    /// <summary>DeepMind: a shortcut conv exists iff stride &gt; 1 or the channel count changes.</summary>
    public bool HasProjection => Stride > 1 || InChannels != OutChannels;

    public ConvPlan Conv1 => new($"{Name}.conv1", InChannels, MidChannels, 1, 1, 1);
    public ConvPlan Conv2 => new($"{Name}.conv2", MidChannels, MidChannels, 3, Stride, Groups);
    public ConvPlan Conv2b => new($"{Name}.conv2b", MidChannels, MidChannels, 3, 1, Groups);
    public ConvPlan Conv3 => new($"{Name}.conv3", MidChannels, OutChannels, 1, 1, 1);
    public ConvPlan? Downsample => HasProjection ? new($"{Name}.downsample.conv", InChannels, OutChannels, 1, 1, 1) : null;

    /// <summary>fc1: Out→hidden (weight and bias), fc2: hidden→Out (weight and bias).</summary>
    public long SeParameterCount => 2L * OutChannels * SeHiddenChannels + SeHiddenChannels + OutChannels;

    /// <summary>Convs, SE and the scalar skip gain.</summary>
    public long ParameterCount =>
        Conv1.ParameterCount + Conv2.ParameterCount + Conv2b.ParameterCount + Conv3.ParameterCount
        + (Downsample?.ParameterCount ?? 0) + SeParameterCount + 1;

    /// <summary>DeepMind's NFBlock.count_flops: convs at their resolutions, the shortcut conv after pooling, SE on the pooled vector.</summary>
    public long Macs(int height, int width)
    {
        var outH = Shapes.Strided(height, Stride);
        var outW = Shapes.Strided(width, Stride);
        return checked(Conv1.Macs(height, width) + Conv2.Macs(height, width) + Conv2b.Macs(outH, outW) + Conv3.Macs(outH, outW)
            + (Downsample?.Macs(outH, outW) ?? 0) + 2L * SeHiddenChannels * OutChannels);
    }
}
