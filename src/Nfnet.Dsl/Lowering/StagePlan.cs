using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

/// <summary>A stage: blocks of equal width, the first one carrying the stage's stride.</summary>
public sealed record StagePlan(int Index, int Width, int Stride, int GroupWidth, double Expansion, double SeRatio, EquatableArray<BlockPlan> Blocks)
{
    public int Depth => Blocks.Count;
}
