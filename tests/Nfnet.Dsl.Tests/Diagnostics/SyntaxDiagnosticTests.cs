using Nfnet.Dsl.Diagnostics;
using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>Diagnostics from reading the YAML itself: NFN001, NFN016, NFN017, NFN018, NFN022.</summary>
public class SyntaxDiagnosticTests
{
    [Fact]
    public void YamlSyntaxErrorPointsAtTheOffendingColon()
    {
        // Line 2: "  F0: a: b" — the second ':' (column 8) starts a mapping where none is allowed.
        var result = Specs.Compile("variants:\n  F0: a: b\n");

        Specs.Single(result, "NFN001", 2, 8);
        Assert.Empty(result.Plans);
    }

    [Fact]
    public void TabIndentationIsASyntaxErrorAtTheTab()
    {
        var result = Specs.Compile("variants:\n  F0:\n\twidth: [256]\n");

        Specs.Single(result, "NFN001", 3, 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("# only a comment\n")]
    public void EmptyFileIsAWarningAtTheStart(string text)
    {
        var result = Specs.Compile(text);

        Specs.Single(result, "NFN016", 1, 1, Severity.Warning);
        Assert.False(result.HasErrors);
        Assert.Empty(result.Plans);
    }

    [Fact]
    public void EmptyVariantsMappingIsAWarning()
    {
        var result = Specs.Compile("namespace: A.B\nvariants: {}\n");

        Specs.Single(result, "NFN016", 1, 1, Severity.Warning);
    }

    [Fact]
    public void AnchorsAndAliasesAreEachReported()
    {
        var result = Specs.Compile("""
            variants:
              F0: &shared
                width: [256]
                depth: [1]
                trainImageSize: 64
              F1: *shared
            """);

        // '&shared' starts at column 7 of line 2; '*shared' at column 7 of line 6.
        Assert.Equal(2, result.Diagnostics.Count);
        Specs.AssertAt(result.Diagnostics[0], "NFN017", 2, 7);
        Specs.AssertAt(result.Diagnostics[1], "NFN017", 6, 7);
        Assert.Contains("'&shared'", result.Diagnostics[0].Message);
        Assert.Contains("'*shared'", result.Diagnostics[1].Message);
    }

    [Fact]
    public void DuplicateKeyInAVariantPointsAtTheRepeat()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                width: [256]
                alpha: 0.2
                depth: [1]
                alpha: 0.3
                trainImageSize: 64
            """);

        var d = Specs.Single(result, "NFN018", 6, 5);
        Assert.Contains("line 4, column 5", d.Message);
        Assert.Equal(0.2, Assert.Single(result.Plans).Alpha); // the first occurrence is kept
    }

    [Fact]
    public void DuplicateTopLevelKeyPointsAtTheRepeat()
    {
        var result = Specs.Compile("namespace: A\nvariants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\nnamespace: B\n");

        Specs.Single(result, "NFN018", 4, 1);
    }

    [Fact]
    public void SecondDocumentIsAnErrorAtItsSeparator()
    {
        var result = Specs.Compile("""
            variants:
              F0: { width: [256], depth: [1], trainImageSize: 64 }
            ---
            variants:
              F1: { width: [256], depth: [1], trainImageSize: 64 }
            """);

        Specs.Single(result, "NFN022", 3, 1);
    }
}
