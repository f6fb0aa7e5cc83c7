using System.Linq;
using Nfnet.Dsl.Emit;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Every injection vector in every text a spec writes into generated code: names, class names, class prefix and
/// namespace must be rejected where they stand; a description is rejected (NFN023) or escaped so the code parses
/// cleanly and reads the text back exactly.
/// </summary>
public class SpecInjectionTests
{
    private const string Body = "    width: [256]\n    depth: [1]\n    trainImageSize: 64\n";

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void VariantNameIsRejectedAtTheKey(string vector)
    {
        var result = CompileAndCheck($"variants:\n  {Quoted(vector)}:\n{Body}");

        Assert.Empty(result.Plans);
        Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN011", 2, 3);
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void ClassNameIsRejectedAtTheValue(string vector)
    {
        // "    className: " is 15 characters.
        var result = CompileAndCheck($"variants:\n  F0:\n    className: {Quoted(vector)}\n{Body}");

        Assert.Empty(result.Plans);
        Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN011", 3, 16);
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void ClassPrefixIsRejectedAtTheValue(string vector)
    {
        var result = CompileAndCheck($"classPrefix: {Quoted(vector)}\nvariants:\n  F0:\n{Body}");

        Assert.Empty(result.Plans);
        Specs.AssertAt(result.Diagnostics[0], "NFN011", 1, 14);
        Assert.All(result.Diagnostics, d => Assert.Equal("NFN011", d.Code));
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void NamespaceIsRejectedAtTheValueAndStopsEveryPlan(string vector)
    {
        var result = CompileAndCheck($"namespace: {Quoted("My." + InjectionVectors.All[vector])}\nvariants:\n  F0:\n{Body}");

        Assert.Empty(result.Plans);
        Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN021", 1, 12);
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void DescriptionIsRejectedOrEscaped(string vector)
    {
        var raw = InjectionVectors.All[vector];
        var result = CompileAndCheck($"variants:\n  F0:\n    description: {Quoted(vector)}\n{Body}");

        if (InjectionVectors.HasInvisibleOrControl(raw))
        {
            Assert.Empty(result.Plans);
            Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN023", 3, 18);
            return;
        }
        var plan = Assert.Single(result.Plans);
        Assert.Equal(raw, plan.Description);
        var model = ModelEmitter.EmitModel(plan, Specs.TestPath);
        var zoo = ModelEmitter.EmitZoo(result.Plans);
        foreach (var file in new[] { model, zoo })
        {
            GeneratedCode.AssertParses(file);
            GeneratedCode.AssertNoDangerousCharacters(file);
        }
        // The doc comment and the zoo's string literal read back exactly what the spec said.
        Assert.Equal(raw, GeneratedCode.ClassSummary(model));
        Assert.Contains(raw, GeneratedCode.StringLiterals(zoo));
    }

    [Fact]
    public void BlockScalarDescriptionKeepsItsLineBreakAndIsRejected()
    {
        var result = CompileAndCheck($"variants:\n  F0:\n    description: |\n      one line\n{Body}");

        Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN023", 3, 18);
    }

    [Theory]
    [InlineData("activation", "NFN008")]
    [InlineData("base", "NFN012")]
    public void OtherTextFieldsRejectEveryVector(string key, string code)
    {
        foreach (var vector in InjectionVectors.All.Keys)
        {
            var result = CompileAndCheck($"variants:\n  F0:\n    {key}: {Quoted(vector)}\n{Body}");

            Assert.Empty(result.Plans);
            Specs.AssertAt(Assert.Single(result.Diagnostics), code, 3, 7 + key.Length);
        }
    }

    [Theory]
    [InlineData("wsEpsilon")]
    [InlineData("gelu")]
    [InlineData("padding")]
    public void NumericsChoicesRejectEveryVector(string key)
    {
        foreach (var vector in InjectionVectors.All.Keys)
        {
            var result = CompileAndCheck($"variants:\n  F0:\n    numerics:\n      {key}: {Quoted(vector)}\n{Body}");

            Assert.Empty(result.Plans);
            Specs.AssertAt(Assert.Single(result.Diagnostics), "NFN019", 4, 9 + key.Length);
        }
    }

    private static string Quoted(string vector) => InjectionVectors.YamlQuoted(InjectionVectors.All.TryGetValue(vector, out var raw) ? raw : vector);

    private static SpecCompilation CompileAndCheck(string text)
    {
        var result = Specs.Compile(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "NFN999");
        GeneratedCode.AssertAllParse(result.Plans, Specs.TestPath);
        return result;
    }
}
