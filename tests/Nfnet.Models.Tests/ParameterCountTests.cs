using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

public class ParameterCountTests
{
    [Theory]
    [MemberData(nameof(ShippedVariants.All), MemberType = typeof(ShippedVariants))]
    public void The_module_the_constant_the_plan_and_the_architecture_rules_agree(string variant)
    {
        // The meta device allocates nothing, so even F7+ (0.8 B parameters) costs nothing to count.
        using var model = NfnetZoo.Create(variant, device: META);
        long actual = model.parameters().Sum(p => p.numel());
        var info = NfnetZoo.Variants.Single(v => v.Name == variant);
        var classConstant = (long)typeof(NfnetZoo).Assembly.GetType($"Nfnet.Models.{info.ClassName}")!
            .GetField("ParameterCount")!.GetRawConstantValue()!;

        long expected = ExpectedArchitecture.ParameterCount(ExpectedArchitecture.StateDict(ExpectedArchitecture.Of(variant)));
        Assert.Equal(expected, actual);
        Assert.Equal(expected, classConstant);
        Assert.Equal(expected, info.ParameterCount);
        Assert.Equal(expected, ShippedVariants.Plan(variant).ParameterCount);
    }

    [Theory]
    // timm's param_count column (millions, 2 decimals) for dm_nfnet_f0 … f6, which have one skip gain per block as we do.
    [InlineData("F0", 71.49)]
    [InlineData("F1", 132.63)]
    [InlineData("F2", 193.78)]
    [InlineData("F3", 254.92)]
    [InlineData("F4", 316.07)]
    [InlineData("F5", 377.21)]
    [InlineData("F6", 438.36)]
    public void Counts_match_timm_published_sizes(string variant, double millions)
    {
        using var model = NfnetZoo.Create(variant, device: META);
        long count = model.parameters().Sum(p => p.numel());
        Assert.Equal(millions, System.Math.Round(count / 1e6, 2));
    }

    [Fact]
    public void F7_matches_timm_nfnet_f7_plus_one_skip_gain_per_block()
    {
        // timm's nfnet_f7 (499.5 M, one decimal) has no skip gains; F7 has 96 blocks, each adding one scalar.
        using var model = NfnetZoo.Create("F7", device: META);
        long count = model.parameters().Sum(p => p.numel());
        Assert.Equal(499.5, System.Math.Round((count - 96) / 1e6, 1));
    }
}
