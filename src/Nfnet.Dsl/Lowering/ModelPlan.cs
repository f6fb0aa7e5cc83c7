using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

/// <summary>
/// One variant, fully resolved: every channel count, stride, group, beta, drop-path rate, the parameter count and
/// the MACs. The single source of truth for the generator, the runtime checks and the CLI. Value-equatable.
/// </summary>
/// <param name="SourcePath">The spec file, as given to the compiler.</param>
/// <param name="Stem">3×3 convs; an activation follows every one but the last.</param>
/// <param name="FinalConv">1×1 conv before the final activation, pooling and classifier.</param>
public sealed record ModelPlan(
    string Name,
    string ClassName,
    string Namespace,
    string Description,
    string SourcePath,
    string Activation,
    double ActivationGamma,
    double Alpha,
    NumericsPlan Numerics,
    EquatableArray<ConvPlan> Stem,
    EquatableArray<StagePlan> Stages,
    ConvPlan FinalConv,
    int NumClasses,
    double DropRate,
    double StochasticDepthRate,
    int TrainImageSize,
    int TestImageSize,
    long ParameterCount,
    long MacsAtTestSize)
{
    public IEnumerable<BlockPlan> Blocks => Stages.SelectMany(s => s.Blocks);

    public int BlockCount => Stages.Sum(s => s.Depth);

    /// <summary>The network's total stride: the stem's times every stage's.</summary>
    public int TotalStride => Stem.Aggregate(1, (acc, c) => acc * c.Stride) * Stages.Aggregate(1, (acc, s) => acc * s.Stride);

    /// <summary>The classifier: FinalConv.OutChannels → NumClasses, with bias.</summary>
    public long HeadParameterCount => (long)FinalConv.OutChannels * NumClasses + NumClasses;

    public FeatureShape StemOutput(int imageSize)
    {
        var size = Stem.Aggregate(imageSize, (s, conv) => conv.OutputSize(s));
        return new FeatureShape(Stem[Stem.Count - 1].OutChannels, size, size);
    }

    /// <summary>The shape each stage outputs for a square input of <paramref name="imageSize"/> pixels.</summary>
    public IReadOnlyList<FeatureShape> StageOutputs(int imageSize)
    {
        var size = StemOutput(imageSize).Height;
        var shapes = new List<FeatureShape>();
        foreach (var stage in Stages)
        {
            size = Shapes.Strided(size, stage.Stride);
            shapes.Add(new FeatureShape(stage.Width, size, size));
        }
        return shapes;
    }

    /// <summary>
    /// Multiply-accumulates by DeepMind's NFNet.count_flops (convs, SE linears and the classifier; no bias, activation,
    /// pooling or residual add). Spatial sizes follow the real network (ceil after each stride); where the size divides
    /// evenly this equals DeepMind's float arithmetic exactly.
    /// </summary>
    public long Macs(int imageSize)
    {
        long total = 0;
        int size = imageSize;
        checked
        {
            foreach (var conv in Stem)
            {
                total += conv.Macs(size, size);
                size = conv.OutputSize(size);
            }
            foreach (var block in Blocks)
            {
                total += block.Macs(size, size);
                size = Shapes.Strided(size, block.Stride);
            }
            total += FinalConv.Macs(size, size);
            total += (long)FinalConv.OutChannels * NumClasses;
        }
        return total;
    }
}
