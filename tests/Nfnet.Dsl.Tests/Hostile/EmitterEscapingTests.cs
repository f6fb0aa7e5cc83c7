using System.Linq;
using Nfnet.Dsl.Emit;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Defence in depth: the emitter escapes every free-text value itself, so even a plan whose name, description or source
/// path the validator would never pass still yields code that parses, holds no invisible characters and reads back the value.
/// </summary>
public class EmitterEscapingTests
{
    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void HostileNameAndDescriptionAreEscapedInTheModel(string vector)
    {
        var raw = InjectionVectors.All[vector];
        var plan = Specs.ShippedPlan("F0") with { Name = raw, Description = raw };

        var file = ModelEmitter.EmitModel(plan, "specs/nfnet.nfnet.yaml");

        GeneratedCode.AssertParses(file);
        GeneratedCode.AssertNoDangerousCharacters(file);
        Assert.Equal(raw, GeneratedCode.StringConstant(file, "VariantName"));
        Assert.Equal(InjectionVectors.Visible(raw).Trim(), GeneratedCode.ClassSummary(file));
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void HostileNameWithoutDescriptionIsEscapedInTheFallbackSummary(string vector)
    {
        var plan = Specs.ShippedPlan("F0") with { Name = InjectionVectors.All[vector], Description = "" };

        var file = ModelEmitter.EmitModel(plan, "specs/nfnet.nfnet.yaml");

        GeneratedCode.AssertParses(file);
        GeneratedCode.AssertNoDangerousCharacters(file);
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void HostileNamesAndDescriptionsAreEscapedInTheZoo(string vector)
    {
        var raw = InjectionVectors.All[vector];
        var plans = new[] { Specs.ShippedPlan("F0") with { Name = raw, Description = raw }, Specs.ShippedPlan("F1") };

        var zoo = ModelEmitter.EmitZoo(plans);

        GeneratedCode.AssertParses(zoo);
        GeneratedCode.AssertNoDangerousCharacters(zoo);
        var literals = GeneratedCode.StringLiterals(zoo);
        Assert.Equal(3, literals.Count(l => l == raw)); // name and description in Variants, the name in Create's switch
    }

    [Theory]
    [MemberData(nameof(InjectionVectors.Names), MemberType = typeof(InjectionVectors))]
    public void HostileSpecPathIsEscapedInTheHeaderAndHintName(string vector)
    {
        var path = "specs/" + InjectionVectors.All[vector] + ".nfnet.yaml";

        var file = ModelEmitter.EmitModel(Specs.ShippedPlan("F0"), path);

        GeneratedCode.AssertParses(file);
        GeneratedCode.AssertNoDangerousCharacters(file);
        Assert.Matches("^[A-Za-z0-9_.-]+$", file.HintName);
        Assert.EndsWith(".NfnetF0.g.cs", file.HintName);
    }
}
