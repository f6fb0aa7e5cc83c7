using System.Diagnostics;
using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>NFN015: sizes no model has are rejected before anything is counted, and quickly.</summary>
public class SizeLimitDiagnosticTests
{
    private static SpecCompilation Variant(string width, string depth, string extra = "") =>
        Specs.Compile($"variants:\n  F0:\n    width: {width}\n    depth: {depth}\n    trainImageSize: 256\n{extra}");

    [Fact]
    public void ThousandsOfBlocksInTotalAreTooMany()
    {
        var result = Variant("[256, 512, 1536, 1536]", "[500, 500, 500, 500]");

        // Each stage is within the limit; the total (2000) is not. Blamed on the depth list's first entry.
        Specs.Single(result, "NFN015", 4, 13);
    }

    [Fact]
    public void DepthMultiplierThatMakesThousandsOfBlocksIsBlamed()
    {
        var result = Variant("[256, 512, 1536, 1536]", "[1, 2, 6, 3]", "    depthMultiplier: 100\n");

        Specs.Single(result, "NFN015", 6, 22);
    }

    [Theory]
    [InlineData("1048576")]       // 2^20
    [InlineData("1099511627776")] // 2^40
    [InlineData("100000000000000000000000000000")] // beyond a 64-bit integer
    public void AbsurdWidthIsTooLarge(string width)
    {
        Specs.Single(Variant($"[256, 512, {width}, 1536]", "[1, 2, 6, 3]"), "NFN015", 3, 23);
    }

    [Fact]
    public void DepthOfABillionIsTooLarge()
    {
        var result = Variant("[256, 512, 1536, 1536]", "[1, 2, 1000000000, 3]");

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal("NFN015", d.Code));
        Assert.Contains(result.Diagnostics, d => (d.Span.Line, d.Span.Column) == (4, 19));
    }

    [Fact]
    public void HugeImageAndClassCountAreTooLarge()
    {
        var result = Variant("[256, 512, 1536, 1536]", "[1, 2, 6, 3]", "    testImageSize: 1048576\n    numClasses: 1000000000\n");

        Assert.Equal(new[] { ("NFN015", 6, 20), ("NFN015", 7, 17) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void TooManyStemConvsOrStageEntriesAreRejected()
    {
        var longList = "[" + string.Join(", ", Enumerable.Repeat("1", 65)) + "]";

        Assert.Contains(Variant("[256]", longList).Diagnostics, d => d.Code == "NFN015");
        Assert.Contains(Variant("[256]", "[1]", "    stem: [8, 8, 8, 8, 8, 8, 8, 8, 8]\n").Diagnostics, d => d.Code == "NFN009");
    }

    [Fact]
    public void ManyStridedStagesDoNotBreakTheCompiler()
    {
        // 40 stride-2 stages would make a total stride of 2^41; the 17th stage is already one too many.
        var list = "[" + string.Join(", ", Enumerable.Repeat("256", 40)) + "]";

        var result = Variant(list, "1");

        // "    width: [" is 12 characters and each "256, " five more: stage 16 starts at column 13 + 16 · 5.
        Specs.Single(result, "NFN015", 3, 93);
    }

    [Fact]
    public void SixteenStagesAreSupported()
    {
        var list = "[" + string.Join(", ", Enumerable.Repeat("256", 16)) + "]";

        var plan = Assert.Single(Variant(list, "1").Plans);

        Assert.Equal(16, plan.Stages.Count);
        Assert.Equal(4 << 15, plan.TotalStride); // stem 4, then 15 stride-2 stages
    }

    [Fact]
    public void AbsurdSpecsAreRejectedQuickly()
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(Variant("[256, 512, 1536, 1536]", "[1000, 1000, 1000, 1000]").HasErrors);
            Assert.True(Variant("[65536, 65536, 65536, 65536]", "[1, 1, 1, 1]", "    depthMultiplier: 1000\n").HasErrors);
            Assert.True(Variant("[1099511627776]", "[1000000000]").HasErrors);
        }
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void LargestAllowedSizesOverflowIntoADiagnosticNotAnException()
    {
        // Every value at its limit: 65536-wide stages, 1000 blocks, 8192-pixel images; the MAC count nears 2^63.
        var result = Variant("[65536, 65536, 65536, 65536]", "[250, 250, 250, 250]",
            "    testImageSize: 8192\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "NFN999");
        Assert.True(result.Plans.Count == 1 || result.Diagnostics.Any(d => d.Code == "NFN015"));
    }

    [Fact]
    public void LongInheritanceChainNeitherCrashesNorHangs()
    {
        // Each variant inherits from the next; the last one is concrete. Deep recursion must not overflow the stack.
        var lines = new System.Text.StringBuilder("variants:\n");
        const int count = 20000;
        for (var i = 0; i < count - 1; i++)
            lines.Append($"  V{i}: {{ base: V{i + 1} }}\n");
        lines.Append($"  V{count - 1}: {{ width: [256], depth: [1], trainImageSize: 64 }}\n");

        var watch = Stopwatch.StartNew();
        var result = Specs.Compile(lines.ToString());

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "NFN999");
        Assert.Contains(result.Diagnostics, d => d.Code == "NFN015");
        Assert.True(watch.ElapsedMilliseconds < 10000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void InheritanceSixtyFourDeepIsFineButNotDeeper()
    {
        static string Chain(int count)
        {
            var text = new System.Text.StringBuilder("variants:\n");
            for (var i = 0; i < count - 1; i++)
                text.Append($"  V{i}: {{ base: V{i + 1} }}\n");
            return text.Append($"  V{count - 1}: {{ width: [256], depth: [1], trainImageSize: 64 }}\n").ToString();
        }

        // V0 has 64 ancestors in the first chain, 65 in the second; line k + 2 holds V(k)'s 'base: V(k+1)'.
        Assert.Equal(65, Specs.CompileClean(Chain(65)).Plans.Count);
        var tooDeep = Specs.Compile(Chain(66));
        Assert.Contains(tooDeep.Diagnostics, d => d.Code == "NFN015");
        Assert.DoesNotContain(tooDeep.Plans, p => p.Name == "V0");
    }

    [Fact]
    public void DeepNestingIsTooLarge()
    {
        var text = "variants:\n  F0: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = Specs.Compile(text);

        Assert.Contains(result.Diagnostics, d => d.Code == "NFN015");
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "NFN999");
    }
}
