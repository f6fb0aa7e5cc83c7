using System;
using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Lowering;

/// <summary>Betas, drop-path rates, groups and projections, against nfnet-architecture.md §3 and analytic formulas.</summary>
public class BlockConstantsTests
{
    [Fact]
    public void F0BetasMatchDeepMindsPublishedList()
    {
        // nfnet-architecture.md §3.3: F0's per-block beta multipliers with alpha 0.2.
        double[] reference = [1.0, 0.98058068, 0.98058068, 0.96225045, 0.98058068, 0.96225045,
            0.94491118, 0.92847669, 0.91287093, 0.89802651, 0.98058068, 0.96225045];

        var betas = Specs.ShippedPlan("F0").Blocks.Select(b => b.Beta).ToArray();

        Assert.Equal(reference.Length, betas.Length);
        for (var i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(reference[i] - betas[i]) < 1e-8, $"block {i}: {betas[i]} vs {reference[i]}");
    }

    [Theory]
    [InlineData("F1", 0.2)]
    [InlineData("F3+", 0.2)]
    [InlineData("F1", 0.5)]
    public void BetaIsOneOverTheRootOfTheVarianceGrownSinceTheLastTransition(string variant, double alpha)
    {
        var shipped = Specs.ShippedPlan(variant);
        var plan = alpha == shipped.Alpha
            ? shipped
            : Assert.Single(Specs.CompileClean($"variants:\n  X: {{ width: [256, 512, 1536, 1536], depth: [2, 4, 12, 6], trainImageSize: 224, alpha: {alpha} }}\n").Plans);
        var depths = plan.Stages.Select(s => s.Depth).ToArray();

        foreach (var block in plan.Blocks)
        {
            // k = number of alpha² growths the input has seen: a transition block (index 0) sees the whole previous
            // stage (its own growth after the reset plus one per later block); block j > 0 sees j.
            var k = block.IndexInStage > 0 ? block.IndexInStage : block.Stage == 0 ? 0 : depths[block.Stage - 1];
            var expected = 1.0 / Math.Sqrt(1 + k * alpha * alpha);
            Assert.True(Math.Abs(expected - block.Beta) < 1e-12, $"{block.Name}: {block.Beta} vs {expected}");
            Assert.Equal(alpha, block.Alpha);
        }
    }

    [Theory]
    [InlineData("F0")]
    [InlineData("F4")]
    [InlineData("F7+")]
    public void DropPathRateIsRateTimesIndexOverBlockCount(string variant)
    {
        var plan = Specs.ShippedPlan(variant);
        var blocks = plan.Blocks.ToList();
        var n = blocks.Count;

        Assert.Equal(0.25, plan.StochasticDepthRate);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(i, blocks[i].GlobalIndex);
            Assert.True(Math.Abs(0.25 * i / n - blocks[i].DropPathRate) < 1e-15, $"block {i}");
        }
        Assert.Equal(0.0, blocks[0].DropPathRate);
        Assert.True(Math.Abs(0.25 * (n - 1) / n - blocks[^1].DropPathRate) < 1e-15);
        Assert.True(blocks[^1].DropPathRate < 0.25); // rate·(N−1)/N, never the full rate
    }

    [Fact]
    public void F0HasTwelveBlocksAndItsLastRateIsElevenTwelfthsOfAQuarter()
    {
        var blocks = Specs.ShippedPlan("F0").Blocks.ToList();

        Assert.Equal(12, blocks.Count);
        Assert.True(Math.Abs(0.25 * 11 / 12 - blocks[11].DropPathRate) < 1e-15);
    }

    [Theory]
    [InlineData("F0", new[] { 256, 512, 1536, 1536 }, new[] { 128, 256, 768, 768 }, new[] { 1, 2, 6, 6 })]
    [InlineData("F0+", new[] { 384, 768, 2048, 2048 }, new[] { 128, 384, 1024, 1024 }, new[] { 1, 3, 8, 8 })]
    public void BlockWidthIsRoundedDownToWholeGroupsOf128(string variant, int[] widths, int[] mids, int[] groups)
    {
        var plan = Specs.ShippedPlan(variant);

        foreach (var block in plan.Blocks)
        {
            Assert.Equal(widths[block.Stage], block.OutChannels);
            Assert.Equal(mids[block.Stage], block.MidChannels);
            Assert.Equal(groups[block.Stage], block.Groups);
            Assert.Equal(block.MidChannels, block.Groups * 128);
            Assert.Equal(block.Groups, block.Conv2.Groups);
            Assert.Equal(block.Groups, block.Conv2b!.Groups);
            Assert.Equal(widths[block.Stage] / 2, block.Attention!.HiddenChannels); // int(out × 0.5)
        }
    }

    [Fact]
    public void OddSeWidthIsTruncated()
    {
        var plan = Assert.Single(Specs.CompileClean("variants:\n  X: { width: [257, 300], depth: [1, 1], trainImageSize: 64, seRatio: 0.3 }\n").Plans);

        // int(257 × 0.3) = int(77.1) = 77; int(300 × 0.3) = 90 (floating point must not make it 89).
        Assert.Equal(new[] { 77, 90 }, plan.Blocks.Select(b => b.Attention!.HiddenChannels));
    }

    [Fact]
    public void StemAndFinalConvFollowTheFirstAndLastWidths()
    {
        var f = Specs.ShippedPlan("F0");
        var plus = Specs.ShippedPlan("F0+");

        Assert.Equal(new[] { 16, 32, 64, 128 }, f.Stem.Convs.Select(c => c.OutChannels));
        Assert.Equal(new[] { 16, 32, 64, 192 }, plus.Stem.Convs.Select(c => c.OutChannels));
        Assert.Equal(new[] { 2, 1, 1, 2 }, plus.Stem.Convs.Select(c => c.Stride));
        Assert.All(plus.Stem.Convs, c => Assert.Equal(3, c.Kernel));
        Assert.Equal((1536, 3072), (f.FinalConv!.InChannels, f.FinalConv.OutChannels));
        Assert.Equal((2048, 4096), (plus.FinalConv!.InChannels, plus.FinalConv.OutChannels));
    }

    [Theory]
    [InlineData("F0")]
    [InlineData("F2")]
    [InlineData("F1+")]
    public void OnlyTheFirstBlockOfEachStageHasAProjection(string variant)
    {
        var plan = Specs.ShippedPlan(variant);

        foreach (var block in plan.Blocks)
        {
            var first = block.IndexInStage == 0;
            Assert.Equal(first, block.HasProjection);
            Assert.Equal(first, block.Downsample is not null);
            Assert.Equal(first ? plan.Stages[block.Stage].Stride : 1, block.Stride);
        }
        // Stage 0's projection is the one without a stride: it only changes the channel count.
        var stage0 = plan.Blocks.First();
        Assert.Equal(1, stage0.Stride);
        Assert.NotEqual(stage0.InChannels, stage0.OutChannels);
    }

    [Fact]
    public void StrideOneBlockWithSameChannelsHasNoProjection()
    {
        var plan = Assert.Single(Specs.CompileClean("variants:\n  X: { width: [128, 256], depth: [2, 1], stride: [1, 1], groupWidth: 64, trainImageSize: 64 }\n").Plans);

        // The stem ends at 128 / 2 = 64 channels, so stage 0's first block projects 64 → 128; stage 1's projects 128 → 256.
        Assert.Equal(new[] { true, false, true }, plan.Blocks.Select(b => b.HasProjection));
    }

    [Fact]
    public void StageOutputShapesAt256PixelsHalveAfterTheFirstStage()
    {
        var plan = Specs.ShippedPlan("F0");

        Assert.Equal((128, 64, 64), (plan.StemOutput(256).Channels, plan.StemOutput(256).Height, plan.StemOutput(256).Width));
        Assert.Equal(new[] { (256, 64, 64), (512, 32, 32), (1536, 16, 16), (1536, 8, 8) },
            plan.StageOutputs(256).Select(s => (s.Channels, s.Height, s.Width)));
        Assert.Equal(32, plan.TotalStride);
    }

    [Fact]
    public void OddImageSizesRoundUpAtEveryStride()
    {
        // 100 → 50 (stem conv 1) → 25 (stem conv 4) → 25 → 13 → 7 → 4: ceil at each stride, as SAME padding gives.
        var shapes = Specs.ShippedPlan("F0").StageOutputs(100);

        Assert.Equal(new[] { 25, 13, 7, 4 }, shapes.Select(s => s.Height));
    }

    [Fact]
    public void BlockChannelsChainFromTheStemThroughEveryStage()
    {
        var plan = Specs.ShippedPlan("F1");
        var previous = plan.Stem.OutChannels;

        foreach (var block in plan.Blocks)
        {
            Assert.Equal(previous, block.InChannels);
            Assert.Equal((block.InChannels, block.MidChannels), (block.Conv1.InChannels, block.Conv1.OutChannels));
            Assert.Equal((block.MidChannels, block.OutChannels), (block.Conv3.InChannels, block.Conv3.OutChannels));
            previous = block.OutChannels;
        }
        Assert.Equal(previous, plan.FinalConv!.InChannels);
    }
}
