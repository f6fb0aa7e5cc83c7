using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>Diagnostics from binding keys and values: NFN002, NFN003, NFN004, NFN005.</summary>
public class KeyAndTypeDiagnosticTests
{
    [Fact]
    public void MisspeltVariantKeySuggestsTheRealOne()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                widht: [256, 512]
                depth: [1, 1]
                trainImageSize: 64
            """);

        // The typo is unknown (line 3, column 5) and so 'width' is missing (blamed on the variant name).
        Assert.Equal(2, result.Diagnostics.Count);
        Specs.AssertAt(result.Diagnostics[0], "NFN004", 2, 3);
        Specs.AssertAt(result.Diagnostics[1], "NFN002", 3, 5);
        Assert.Contains("did you mean 'width'?", result.Diagnostics[1].Message);
        Assert.Contains("'width'", result.Diagnostics[0].Message);
    }

    [Fact]
    public void MisspeltTopLevelKeySuggestsTheRealOne()
    {
        var result = Specs.Compile("namepsace: A\nvariants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\n");

        var d = Specs.Single(result, "NFN002", 1, 1);
        Assert.Contains("did you mean 'namespace'?", d.Message);
    }

    [Fact]
    public void MisspeltNumericsKeySuggestsTheRealOne()
    {
        var result = Specs.Compile("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, numerics: { pading: same } }\n");

        // "  F0: { width: [256], depth: [1], trainImageSize: 64, numerics: { " is 66 characters.
        var d = Specs.Single(result, "NFN002", 2, 67);
        Assert.Contains("did you mean 'padding'?", d.Message);
    }

    [Fact]
    public void UnrelatedUnknownKeyPointsAtTheKeyList()
    {
        var result = Specs.Compile("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, zzzzzzzz: 1 }\n");

        // Forty variant keys would bury the message; a short list (numerics) is still spelled out.
        var d = Specs.Single(result, "NFN002", 2, 55);
        Assert.EndsWith("docs/spec-language.md lists every key", d.Message);
        var numerics = Specs.Single(Specs.Compile("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, numerics: { zzzzzzzz: 1 } }\n"), "NFN002", 2, 67);
        Assert.Contains("known keys: wsEpsilon, gelu, padding, stochasticDepth", numerics.Message);
    }

    [Fact]
    public void WordInAnIntegerListIsAWrongType()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                width: [256, 512]
                depth: [1, two]
                trainImageSize: 64
            """);

        // "    depth: [1, " is 15 characters: 'two' starts at column 16.
        Specs.Single(result, "NFN003", 4, 16);
    }

    [Fact]
    public void QuotedNumberIsText()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                width: [256, 512]
                depth: [1, 1]
                trainImageSize: "192"
            """);

        var d = Specs.Single(result, "NFN003", 5, 21);
        Assert.Contains("whole number", d.Message);
    }

    [Theory]
    [InlineData("alpha: abc", "finite number")]
    [InlineData("alpha: .nan", "finite number")]
    [InlineData("dropRate: [0.1]", "finite number")]
    [InlineData("abstract: yes", "true or false")]
    [InlineData("numClasses: 10.5", "whole number")]
    [InlineData("stem: 16", "list of whole numbers")]
    [InlineData("activation: [gelu]", "text")]
    [InlineData("numerics: gelu", "mapping")]
    public void ValueOfTheWrongKindIsReportedAtTheValue(string line, string expected)
    {
        var result = Specs.Compile("variants:\n  F0:\n" + Specs.F0Body + "\n    " + line + "\n");

        // Line 7 (after 'variants:', 'F0:' and four body lines); the value starts after "    key: ".
        var d = Specs.Single(result, "NFN003", 7, 5 + line.IndexOf(':') + 2);
        Assert.Contains(expected, d.Message);
    }

    [Fact]
    public void TopLevelListIsAWrongType()
    {
        Specs.Single(Specs.Compile("- variants\n- more\n"), "NFN003", 1, 1);
    }

    [Fact]
    public void VariantsAsAListIsAWrongType()
    {
        Specs.Single(Specs.Compile("variants:\n  - F0\n"), "NFN003", 2, 3);
    }

    [Fact]
    public void MissingRequiredKeyIsReportedAtTheVariantName()
    {
        var result = Specs.Compile("""
            variants:
              A: { width: [256], depth: [1], trainImageSize: 64 }
              Bad:
                width: [256]
                depth: [1]
            """);

        var d = Specs.Single(result, "NFN004", 3, 3);
        Assert.Contains("trainImageSize", d.Message);
        Assert.Equal("A", Assert.Single(result.Plans).Name); // the good variant still compiles
    }

    [Fact]
    public void MissingVariantsSectionIsReportedAtTheFileMapping()
    {
        Specs.Single(Specs.Compile("namespace: A.B\n"), "NFN004", 1, 1);
    }

    [Fact]
    public void PerStageListsOfDifferentLengthsPointAtTheShorterList()
    {
        var result = Specs.Compile("""
            variants:
              F0:
                width: [256, 512, 1536, 1536]
                depth: [1, 2, 6]
                trainImageSize: 192
            """);

        var d = Specs.Single(result, "NFN005", 4, 12);
        Assert.Contains("3", d.Message);
        Assert.Contains("4", d.Message);
    }

    [Fact]
    public void StrideListOfTheWrongLengthIsAMismatch()
    {
        var result = Specs.Compile("variants:\n  F0:\n" + Specs.F0Body + "\n    stride: [1, 2]\n");

        Specs.Single(result, "NFN005", 7, 13);
    }
}
