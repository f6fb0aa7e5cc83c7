using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

/// <summary>A stage: blocks of equal width, the first one carrying the stage's stride.</summary>
/// <param name="GroupWidth">Channels per group of the 3×3 convs; 0 when they are dense.</param>
public sealed record StagePlan(int Index, int Width, int Stride, int GroupWidth, double Expansion, EquatableArray<BlockPlan> Blocks)
{
    public int Depth => Blocks.Count;
}
