using System;
using Xunit;

namespace Nfnet.Dsl.Tests.Lowering;

/// <summary>Parameter counts and MACs against the paper's table and timm (nfnet-architecture.md §2, §2a).</summary>
public class PublishedFiguresTests
{
    [Fact]
    public void F0HasExactlyTheCheckpointsParameterCount()
    {
        Assert.Equal(71_489_284, Specs.ShippedPlan("F0").ParameterCount);
    }

    [Theory]
    [InlineData("F0", 71.5)]
    [InlineData("F1", 132.6)]
    [InlineData("F2", 193.8)]
    [InlineData("F3", 254.9)]
    [InlineData("F4", 316.1)]
    [InlineData("F5", 377.2)]
    [InlineData("F6", 438.4)]
    [InlineData("F7", 499.5)] // timm nfnet_f7
    public void ParameterCountRoundsToThePublishedMillions(string variant, double millions)
    {
        Assert.Equal(millions, Math.Round(Specs.ShippedPlan(variant).ParameterCount / 1e6, 1));
    }

    [Theory]
    [InlineData("F0", 71.49)]
    [InlineData("F1", 132.63)]
    [InlineData("F2", 193.78)]
    [InlineData("F3", 254.92)]
    [InlineData("F4", 316.07)]
    [InlineData("F5", 377.21)]
    [InlineData("F6", 438.36)]
    public void ParameterCountRoundsToTimmsHundredths(string variant, double millions)
    {
        Assert.Equal(millions, Math.Round(Specs.ShippedPlan(variant).ParameterCount / 1e6, 2));
    }

    [Theory]
    [InlineData("F0", 12.38)]
    [InlineData("F1", 35.54)]
    [InlineData("F2", 62.59)]
    [InlineData("F3", 114.76)]
    [InlineData("F4", 215.24)]
    [InlineData("F5", 289.76)]
    [InlineData("F6", 377.28)]
    public void MacsAtTestSizeRoundToThePublishedFlops(string variant, double billions)
    {
        var plan = Specs.ShippedPlan(variant);

        Assert.Equal(billions, Math.Round(plan.MacsAtTestSize / 1e9, 2));
        Assert.Equal(plan.Macs(plan.TestImageSize), plan.MacsAtTestSize);
    }

    [Fact]
    public void WiderVariantsHaveMoreParametersAndMacs()
    {
        for (var n = 0; n < 8; n++)
        {
            var plain = Specs.ShippedPlan($"F{n}");
            var plus = Specs.ShippedPlan($"F{n}+");
            Assert.True(plus.ParameterCount > plain.ParameterCount);
            Assert.True(plus.MacsAtTestSize > plain.MacsAtTestSize);
            if (n > 0)
                Assert.True(plain.ParameterCount > Specs.ShippedPlan($"F{n - 1}").ParameterCount);
        }
    }
}
