using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>Diagnostics about values that parse but make no model: NFN006–NFN009, NFN014, NFN019.</summary>
public class ValueDiagnosticTests
{
    /// <summary>A one-variant spec whose seventh line is <paramref name="extra"/>; F0's keys on lines 3–6.</summary>
    private static SpecCompilation WithLine(string extra) =>
        Specs.Compile("variants:\n  F0:\n" + Specs.F0Body + "\n    " + extra + "\n");

    private static SpecCompilation WithWidth(string width) =>
        Specs.Compile($"variants:\n  F0:\n    width: {width}\n    depth: [1, 2, 6, 3]\n    trainImageSize: 256\n");

    [Theory]
    [InlineData("[256, 0, 1536, 1536]", 18)]
    [InlineData("[256, 512, -5, 1536]", 23)]
    public void NonPositiveWidthPointsAtTheItem(string width, int column)
    {
        Specs.Single(WithWidth(width), "NFN006", 3, column);
    }

    [Theory]
    [InlineData("depth: [1, 0, 6, 3]", 4, 16)]
    [InlineData("stride: [1, 0, 2, 2]", 7, 17)]
    [InlineData("groupWidth: -8", 7, 17)]
    [InlineData("numClasses: -1", 7, 17)]
    [InlineData("depthMultiplier: 0", 7, 22)]
    [InlineData("stem: [16, 0]", 7, 16)]
    public void NonPositiveCountsPointAtTheValue(string line, int expectedLine, int column)
    {
        var text = line.StartsWith("depth:")
            ? "variants:\n  F0:\n    width: [256, 512, 1536, 1536]\n    " + line + "\n    trainImageSize: 256\n"
            : "variants:\n  F0:\n" + Specs.F0Body + "\n    " + line + "\n";

        Specs.Single(Specs.Compile(text), "NFN006", expectedLine, column);
    }

    [Fact]
    public void EmptyWidthListLeavesNoStage()
    {
        // "  F0: { width: " is 15 characters.
        var d = Specs.Single(Specs.Compile("variants:\n  F0: { width: [], depth: [], trainImageSize: 64 }\n"), "NFN009", 2, 16);
        Assert.Contains("at least one stage", d.Message);
    }

    [Fact]
    public void StrideThreeIsOutOfRange()
    {
        var d = Specs.Single(WithLine("stride: [1, 2, 3, 2]"), "NFN009", 7, 20);
        Assert.Contains("1 or 2", d.Message);
    }

    [Fact]
    public void WidthTooNarrowForOneGroupLeavesZeroGroups()
    {
        // int(64 × 0.5) = 32 channels, less than one group of 128.
        Specs.Single(WithWidth("[64, 512, 1536, 1536]"), "NFN007", 3, 13);
    }

    [Fact]
    public void GroupWidthWiderThanTheBlockLeavesZeroGroups()
    {
        // Stage 2: int(1536 × 0.5) = 768 < 1024.
        Specs.Single(WithLine("groupWidth: [128, 128, 1024, 128]"), "NFN007", 3, 23);
    }

    [Theory]
    [InlineData(255, true)]  // int(127.5) = 127 < 128
    [InlineData(256, false)] // exactly one group
    public void ZeroGroupsBoundaryIsOneFullGroup(int width, bool error)
    {
        var result = WithWidth($"[{width}, 512, 1536, 1536]");

        Assert.Equal(error, result.Diagnostics.Any(d => d.Code == "NFN007"));
        Assert.Equal(error, result.Plans.Count == 0);
    }

    [Fact]
    public void UnknownActivationListsTheValidOnes()
    {
        var d = Specs.Single(WithLine("activation: swish"), "NFN008", 7, 17);

        foreach (var name in new[] { "celu", "elu", "gelu", "identity", "leaky_relu", "log_sigmoid", "log_softmax", "relu",
                     "relu6", "selu", "sigmoid", "silu", "soft_sign", "softplus", "tanh" })
            Assert.Contains(name, d.Message);
    }

    [Fact]
    public void MisspeltActivationSuggestsTheRealOne()
    {
        var d = Specs.Single(WithLine("activation: gleu"), "NFN008", 7, 17);
        Assert.Contains("did you mean 'gelu'?", d.Message);
    }

    [Theory]
    [InlineData("alpha: 0")]
    [InlineData("alpha: -0.1")]
    [InlineData("alpha: 1.5")]
    [InlineData("dropRate: 1")]
    [InlineData("dropRate: -0.1")]
    [InlineData("stochasticDepthRate: 1.0")]
    [InlineData("stochasticDepthRate: 2")]
    [InlineData("seRatio: 0")]
    [InlineData("expansion: 0")]
    [InlineData("finalConvMultiplier: 0")]
    public void RateOutsideItsRangeIsReportedAtTheValue(string line)
    {
        Specs.Single(WithLine(line), "NFN009", 7, 5 + line.IndexOf(':') + 2);
    }

    [Theory]
    [InlineData("alpha: 1")]
    [InlineData("dropRate: 0")]
    [InlineData("stochasticDepthRate: 0.999")]
    [InlineData("seRatio: 1")]
    public void RatesAtTheEdgeOfTheirRangeAreAccepted(string line)
    {
        Assert.Single(Specs.CompileClean("variants:\n  F0:\n" + Specs.F0Body + "\n    " + line + "\n").Plans);
    }

    [Fact]
    public void UnknownNumericsChoiceIsReportedAtTheValue()
    {
        var d = Specs.Single(WithLine("numerics: { gelu: exact }"), "NFN019", 7, 23);
        Assert.Contains("tanh", d.Message);
        Assert.Contains("erf", d.Message);
    }

    [Fact]
    public void ImageSizeNotDivisibleByThirtyTwoIsANote()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                width: [256, 512, 1536, 1536]
                depth: [1, 2, 6, 3]
                trainImageSize: 200
                testImageSize: 256
            """);

        var d = Specs.Single(result, "NFN014", 5, 21, Severity.Info);
        Assert.Contains("32", d.Message);
        Assert.Single(result.Plans); // a note still generates the model
    }

    [Fact]
    public void TotalStrideFollowsTheStrides()
    {
        // Strides [1, 1, 2, 2] give a total stride of 4 × 4 = 16, so 208 = 13 × 16 is fine but 200 is not.
        var fine = Specs.Compile("variants:\n  F0: { width: [256, 512, 1536, 1536], depth: [1, 2, 6, 3], stride: [1, 1, 2, 2], trainImageSize: 208 }\n");
        var uneven = Specs.Compile("variants:\n  F0: { width: [256, 512, 1536, 1536], depth: [1, 2, 6, 3], stride: [1, 1, 2, 2], trainImageSize: 200 }\n");

        Assert.Empty(fine.Diagnostics);
        Assert.Equal(16, fine.Plans[0].TotalStride);
        Assert.Equal("NFN014", Assert.Single(uneven.Diagnostics).Code);
    }
}
