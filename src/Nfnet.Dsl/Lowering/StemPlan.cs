using System.Linq;
using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

/// <summary>How the stem's convs are chosen.</summary>
public enum StemKind
{
    /// <summary>The spec's 3×3 convs, then a stride-2 conv to width[0] / 2 (DeepMind NFNet-F).</summary>
    Explicit,
    /// <summary>timm deep_quad: c/8, c/4, c/2, c with strides 2, 1, 1, 2.</summary>
    DeepQuad,
    /// <summary>timm deep: c/2, c/2, c with strides 2, 1, 1.</summary>
    Deep,
    /// <summary>timm deep_tiered: 3c/8, c/2, c with strides 2, 1, 1.</summary>
    DeepTiered,
    /// <summary>One 3×3 stride-2 conv (NF-RegNet).</summary>
    Conv3x3,
    /// <summary>One 7×7 stride-2 conv (NF-ResNet).</summary>
    Conv7x7,
}

/// <summary>
/// The stem: scaled WS convs with an activation after each but the last, then optionally a 3×3 stride-2 max-pool.
/// A single conv is named stem.conv, several stem.conv1..N, as timm names them.
/// </summary>
public sealed record StemPlan(StemKind Kind, EquatableArray<ConvPlan> Convs, bool MaxPool)
{
    public int OutChannels => Convs[Convs.Count - 1].OutChannels;

    /// <summary>The stem's total stride: its convs' times the pool's.</summary>
    public int Stride => Convs.Aggregate(1, (acc, c) => acc * c.Stride) * (MaxPool ? 2 : 1);

    /// <summary>Output size along one axis: every stride (and the pool's) rounds up.</summary>
    public int OutputSize(int inputSize)
    {
        var size = Convs.Aggregate(inputSize, (s, conv) => conv.OutputSize(s));
        return MaxPool ? Shapes.Strided(size, 2) : size;
    }

    public long ParameterCount => Convs.Sum(c => c.ParameterCount);

    /// <summary>The convs' MACs; pooling counts none (DeepMind's count_flops).</summary>
    public long Macs(int imageSize)
    {
        long total = 0;
        var size = imageSize;
        checked
        {
            foreach (var conv in Convs)
            {
                total += conv.Macs(size, size);
                size = conv.OutputSize(size);
            }
        }
        return total;
    }
}
