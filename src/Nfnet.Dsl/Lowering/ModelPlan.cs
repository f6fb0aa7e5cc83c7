using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

/// <summary>
/// One variant, fully resolved: every channel count, stride, group, beta, drop-path rate, the parameter count and
/// the MACs. The single source of truth for the generator, the runtime checks and the CLI. Value-equatable.
/// </summary>
/// <param name="SourcePath">The spec file, as given to the compiler.</param>
/// <param name="Parts">The network-wide block parts (block kind, conv2b, shortcut, zero-init, γ placement).</param>
/// <param name="FinalConv">1×1 conv before the final activation, pooling and classifier; null when the head sees the last stage.</param>
/// <param name="Preprocess">How timm prepares evaluation images for these weights.</param>
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
    BlockParts Parts,
    StemPlan Stem,
    EquatableArray<StagePlan> Stages,
    ConvPlan? FinalConv,
    int NumClasses,
    double DropRate,
    double StochasticDepthRate,
    int TrainImageSize,
    int TestImageSize,
    long ParameterCount,
    long MacsAtTestSize,
    PreprocessPlan Preprocess)
{
    public IEnumerable<BlockPlan> Blocks => Stages.SelectMany(s => s.Blocks);

    public int BlockCount => Stages.Sum(s => s.Depth);

    /// <summary>The network's total stride: the stem's times every stage's.</summary>
    public int TotalStride => Stem.Stride * Stages.Aggregate(1, (acc, s) => acc * s.Stride);

    /// <summary>Channels the classifier sees: the final conv's, or the last stage's without one.</summary>
    public int NumFeatures => FinalConv?.OutChannels ?? Stages[Stages.Count - 1].Width;

    /// <summary>The classifier: NumFeatures → NumClasses, with bias.</summary>
    public long HeadParameterCount => (long)NumFeatures * NumClasses + NumClasses;

    /// <summary>
    /// Block i's drop rate is rate·i / this: N for DeepMind's schedule, N − 1 (at least 1) for timm's, which reaches the
    /// full rate at the last block.
    /// </summary>
    public int DropPathDenominator => Numerics.StochasticDepth == StochasticDepthSchedule.Timm ? System.Math.Max(1, BlockCount - 1) : BlockCount;

    public FeatureShape StemOutput(int imageSize)
    {
        var size = Stem.OutputSize(imageSize);
        return new FeatureShape(Stem.OutChannels, size, size);
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
    /// Multiply-accumulates by DeepMind's NFNet.count_flops (convs, attention linears/convs and the classifier; no bias,
    /// activation, pooling or residual add). Spatial sizes follow the real network (ceil after each stride); where the
    /// size divides evenly this equals DeepMind's float arithmetic exactly.
    /// </summary>
    public long Macs(int imageSize)
    {
        checked
        {
            var total = Stem.Macs(imageSize);
            var size = Stem.OutputSize(imageSize);
            foreach (var block in Blocks)
            {
                total += block.Macs(size, size);
                size = Shapes.Strided(size, block.Stride);
            }
            if (FinalConv is { } final)
                total += final.Macs(size, size);
            total += (long)NumFeatures * NumClasses;
            return total;
        }
    }
}
