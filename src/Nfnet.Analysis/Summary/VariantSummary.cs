using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Analysis.Summary;

/// <summary>`nfnet summary --json`'s document: <c>{"variants":[...]}</c>, so fields can be added without breaking readers.</summary>
public sealed record SummaryDocument(IReadOnlyList<VariantSummary> Variants);

/// <summary>One variant as `nfnet summary` reports it; <see cref="Macs"/> is at <see cref="TestImageSize"/>.</summary>
public sealed record VariantSummary(
    string Name,
    string ClassName,
    string Namespace,
    string Description,
    string Source,
    long Parameters,
    long Macs,
    int TrainImageSize,
    int TestImageSize,
    double DropRate,
    double StochasticDepthRate,
    int NumClasses,
    int Blocks,
    IReadOnlyList<StageSummary> Stages)
{
    public static VariantSummary From(ModelPlan plan) => new(
        plan.Name,
        plan.ClassName,
        plan.Namespace,
        plan.Description,
        plan.SourcePath,
        plan.ParameterCount,
        plan.MacsAtTestSize,
        plan.TrainImageSize,
        plan.TestImageSize,
        plan.DropRate,
        plan.StochasticDepthRate,
        plan.NumClasses,
        plan.BlockCount,
        plan.Stages.Select(StageSummary.From).ToList());
}

/// <summary>A stage; <see cref="Groups"/> and <see cref="MidChannels"/> are its first block's (the one that changes shape).</summary>
public sealed record StageSummary(int Width, int Depth, int Stride, int Groups, int MidChannels)
{
    public static StageSummary From(StagePlan stage) =>
        new(stage.Width, stage.Depth, stage.Stride, stage.Blocks[0].Groups, stage.Blocks[0].MidChannels);
}
