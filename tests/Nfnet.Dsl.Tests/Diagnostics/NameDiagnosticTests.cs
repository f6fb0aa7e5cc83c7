using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>Diagnostics about names, bases and text: NFN010–NFN013, NFN020, NFN021, NFN023.</summary>
public class NameDiagnosticTests
{
    private const string Body = "{ width: [256], depth: [1], trainImageSize: 64 }";

    [Fact]
    public void DuplicateVariantNamePointsAtTheSecond()
    {
        var result = Specs.Compile($"variants:\n  F0: {Body}\n  F1: {Body}\n  F0: {Body}\n");

        var d = Specs.Single(result, "NFN010", 4, 3);
        Assert.Contains("line 2, column 3", d.Message);
    }

    [Theory]
    [InlineData("F 0")]
    [InlineData("F0-x")]
    [InlineData("Fü")]
    [InlineData("F+0")]
    [InlineData("F0++")]
    public void VariantNameThatCannotBecomeAClassIsInvalid(string name)
    {
        Specs.Single(Specs.Compile($"variants:\n  {name}: {Body}\n"), "NFN011", 2, 3);
    }

    [Fact]
    public void KeywordClassNameIsInvalid()
    {
        // "  F0: { className: " is 19 characters.
        Specs.Single(Specs.Compile("variants:\n  F0: { className: class, width: [256], depth: [1], trainImageSize: 64 }\n"), "NFN011", 2, 20);
    }

    [Fact]
    public void InvalidClassPrefixIsReportedAtThePrefix()
    {
        var result = Specs.Compile($"classPrefix: 9Net\nvariants:\n  F0: {Body}\n");

        // The prefix comes first; the class it makes for F0 ('9NetF0') is reported at F0 as well.
        Specs.AssertAt(result.Diagnostics[0], "NFN011", 1, 14);
        Assert.All(result.Diagnostics, d => Assert.Equal("NFN011", d.Code));
        Assert.Empty(result.Plans);
    }

    [Theory]
    [InlineData("My.2Models")]
    [InlineData("My..Models")]
    [InlineData("My.class")]
    [InlineData("My Models")]
    public void InvalidNamespaceIsReportedAtTheValue(string ns)
    {
        Specs.Single(Specs.Compile($"namespace: {ns}\nvariants:\n  F0: {Body}\n"), "NFN021", 1, 12);
    }

    [Fact]
    public void UnknownBaseSuggestsTheClosestVariant()
    {
        var result = Specs.Compile($"variants:\n  Base: {Body}\n  Child: {{ base: Bsae }}\n");

        // "  Child: { base: " is 17 characters.
        var d = Specs.Single(result, "NFN012", 3, 18);
        Assert.Contains("did you mean 'Base'?", d.Message);
        Assert.Equal("Base", Assert.Single(result.Plans).Name);
    }

    [Fact]
    public void UnknownBaseInAListPointsAtThatName()
    {
        var result = Specs.Compile($"variants:\n  Base: {Body}\n  Child: {{ base: [Base, Nothing] }}\n");

        // "  Child: { base: [Base, " is 24 characters.
        Specs.Single(result, "NFN012", 3, 25);
    }

    [Fact]
    public void TwoVariantCycleIsReportedOnceWithItsPath()
    {
        var result = Specs.Compile("""
            variants:
              A:
                base: B
                width: [256]
                depth: [1]
                trainImageSize: 64
              B:
                base: A
            """);

        var d = Specs.Single(result, "NFN013", 8, 11);
        Assert.Contains("A → B → A", d.Message);
        Assert.Empty(result.Plans);
    }

    [Fact]
    public void SelfInheritanceIsACycle()
    {
        var d = Specs.Single(Specs.Compile("variants:\n  A: { base: A, width: [256], depth: [1], trainImageSize: 64 }\n"), "NFN013", 2, 14);
        Assert.Contains("A → A", d.Message);
    }

    [Fact]
    public void TwoVariantsWithTheSameDefaultClassNameClash()
    {
        // F0+ becomes NfnetF0Plus, exactly the class that F0Plus gets.
        var result = Specs.Compile($"variants:\n  F0+: {Body}\n  F0Plus: {Body}\n");

        var d = Specs.Single(result, "NFN020", 3, 3);
        Assert.Contains("NfnetF0Plus", d.Message);
    }

    [Fact]
    public void ClassNameThatRepeatsAnotherVariantsClassClashes()
    {
        var result = Specs.Compile($"variants:\n  A: {Body}\n  B: {{ className: NfnetA, width: [256], depth: [1], trainImageSize: 64 }}\n");

        // "  B: { className: " is 18 characters.
        Specs.Single(result, "NFN020", 3, 19);
    }

    [Theory]
    [InlineData("\"two\\nlines\"")]       // YAML escape for a line break
    [InlineData("\"right\u202Eto left\"")] // RIGHT-TO-LEFT OVERRIDE
    [InlineData("\"zero\u200Bwidth\"")]    // ZERO WIDTH SPACE
    [InlineData("\"bell\\a\"")]            // a control character
    public void DescriptionWithInvisibleOrControlCharactersIsRejected(string description)
    {
        var result = Specs.Compile($"variants:\n  F0:\n    description: {description}\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n");

        Specs.Single(result, "NFN023", 3, 18);
    }

    [Fact]
    public void OverlongDescriptionIsRejected()
    {
        var result = Specs.Compile($"variants:\n  F0:\n    description: {new string('x', 513)}\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n");

        Specs.Single(result, "NFN023", 3, 18);
    }

    [Fact]
    public void DescriptionWithOrdinaryUnicodeIsFine()
    {
        Specs.CompileClean("variants:\n  F0:\n    description: \"NFNet — F0, 83.6 % top-1 (α = 0.2)\"\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n");
    }
}
