using System;
using System.Linq;
using System.Text;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>Inputs built to exhaust time, memory or the stack are diagnostics, each within a generous wall time.</summary>
public class ResourceBombTests
{
    // Each bomb finishes in well under a second alone; the limit leaves room for CI's 2 cores shared with parallel
    // test assemblies and builds, while an unbounded expansion (exponential aliases, 10^9 blocks) would take hours.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static SpecCompilation Rejected(string text, params string[] codes)
    {
        var result = CompilerProbe.CompileWithin(text, Limit);

        Assert.True(result.HasErrors, "expected an error for " + CompilerProbe.Show(text));
        Assert.Empty(result.Plans);
        Assert.Contains(result.Diagnostics, d => codes.Contains(d.Code));
        return result;
    }

    [Fact]
    public void BillionLaughsIsRejectedWithoutExpandingAliases()
    {
        // Nine levels of ten aliases each would expand to 10^9 strings.
        var text = new StringBuilder("a0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        text.Append("variants:\n  F0: *a9\n");

        var result = Rejected(text.ToString(), "NFN017");

        Assert.True(result.Diagnostics.Count < 200, $"{result.Diagnostics.Count} diagnostics: one per written alias or anchor, no more");
    }

    [Fact]
    public void MergeKeyAliasIsRejected()
    {
        Rejected("base: &b { width: [256], depth: [1], trainImageSize: 64 }\nvariants:\n  F0:\n    <<: *b\n", "NFN017");
    }

    [Fact]
    public void DepthOfABillionIsTooLarge() =>
        Rejected("variants:\n  F0: { width: [256], depth: [1000000000], trainImageSize: 64 }\n", "NFN015");

    [Fact]
    public void WidthOfTwoToTheFortyIsTooLarge() =>
        Rejected("variants:\n  F0: { width: [1099511627776], depth: [1], trainImageSize: 64 }\n", "NFN015");

    [Theory]
    [InlineData("width")]
    [InlineData("depth")]
    [InlineData("stem")]
    public void HundredThousandElementListIsTooLarge(string key)
    {
        var list = "[" + string.Join(", ", Enumerable.Repeat("256", 100_000)) + "]";
        var fields = new[] { ("width", "[256]"), ("depth", "[1]"), ("stem", "[16]") }
            .Select(f => $"    {f.Item1}: {(f.Item1 == key ? list : f.Item2)}\n");

        Rejected("variants:\n  F0:\n" + string.Concat(fields) + "    trainImageSize: 64\n", "NFN015");
    }

    [Fact]
    public void ListJustUnderTheNodeLimitIsRejectedQuickly()
    {
        // Few enough nodes to be read in full, so the binder and validator see all 90,000 entries.
        var list = "[" + string.Join(", ", Enumerable.Repeat("256", 90_000)) + "]";

        Rejected($"variants:\n  F0:\n    width: {list}\n    depth: {list}\n    trainImageSize: 64\n", "NFN015");
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void TenMegabytesOfNestedBracketsAreTooLarge(char open, char close)
    {
        const int half = 5 * 1024 * 1024;
        var text = "variants:\n  F0: " + new string(open, half) + new string(close, half) + "\n";

        Rejected(text, "NFN015", "NFN001");
    }

    [Fact]
    public void TenMegabytesOfUnclosedBracketsAreTooLarge() =>
        Rejected("variants:\n  F0: " + new string('[', 10 * 1024 * 1024), "NFN015", "NFN001");

    [Fact]
    public void DeepBlockIndentationIsTooLarge()
    {
        var text = new StringBuilder("variants:\n");
        for (var level = 1; level <= 2000; level++)
            text.Append(' ', level).Append("k:\n");

        Rejected(text.ToString(), "NFN015");
    }

    private static readonly string Megabyte = new('x', 1024 * 1024);

    [Fact]
    public void MegabyteDescriptionIsRejected() =>
        Rejected($"variants:\n  F0:\n    description: {Megabyte}\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n", "NFN023");

    [Fact]
    public void MegabyteNumberIsRejectedWithAShortMessage()
    {
        var digits = new string('9', 1024 * 1024);

        var result = Rejected($"variants:\n  F0: {{ width: [{digits}], depth: [1], trainImageSize: 64 }}\n", "NFN015");

        // The message quotes the number's start and end, not a megabyte of digits.
        Assert.Matches("^'width' is 9+ … 9+, far beyond any supported size$", Assert.Single(result.Diagnostics).Message);
    }

    [Theory]
    [InlineData("base: {0}", "NFN012")]
    [InlineData("activation: {0}", "NFN008")]
    [InlineData("{0}: 1", "NFN002")]
    [InlineData("numerics: {{ gelu: {0} }}", "NFN019")]
    public void MegabyteValuesQuotedInMessagesAreElided(string field, string code)
    {
        var text = $"variants:\n  F0: {{ {string.Format(System.Globalization.CultureInfo.InvariantCulture, field, Megabyte)}, width: [256], depth: [1], trainImageSize: 64 }}\n";

        // Not Rejected(): an unknown key is an error of its own, but leaves the variant's plan intact.
        var result = CompilerProbe.CompileWithin(text, Limit);

        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.Length <= SpecCompiler.MaxMessageLength + 3, d.Message.Length + " chars"));
    }

    [Fact]
    public void HundredThousandVariantsAreTooLarge()
    {
        var text = new StringBuilder("variants:\n");
        for (var i = 0; i < 100_000; i++)
            text.Append($"  V{i}: {{ base: V{i + 1} }}\n");

        Rejected(text.ToString(), "NFN015");
    }

    [Fact]
    public void ThousandsOfConcreteVariantsCompileInBoundedTime()
    {
        // Under every limit but large: 2,000 small variants (12,000 nodes) must still lower quickly.
        var text = new StringBuilder("variants:\n");
        for (var i = 0; i < 2_000; i++)
            text.Append($"  V{i}: {{ width: [256], depth: [1], trainImageSize: 64 }}\n");

        var result = CompilerProbe.CompileWithin(text.ToString(), Limit);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2_000, result.Plans.Count);
    }
}
