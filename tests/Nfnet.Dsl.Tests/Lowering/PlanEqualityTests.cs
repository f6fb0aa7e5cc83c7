using Xunit;

namespace Nfnet.Dsl.Tests.Lowering;

public class PlanEqualityTests
{
    [Fact]
    public void CompilingTheSameTextTwiceGivesEqualPlans()
    {
        var first = SpecCompiler.Compile("a.nfnet.yaml", Specs.ShippedText);
        var second = SpecCompiler.Compile("a.nfnet.yaml", new string(Specs.ShippedText.ToCharArray()));

        Assert.Equal(first.Plans.Count, second.Plans.Count);
        for (var i = 0; i < first.Plans.Count; i++)
        {
            Assert.NotSame(first.Plans[i], second.Plans[i]);
            Assert.Equal(first.Plans[i], second.Plans[i]);
            Assert.Equal(first.Plans[i].GetHashCode(), second.Plans[i].GetHashCode());
        }
        Assert.Equal(first, second); // the whole compilation, diagnostics included, is a value
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData("dropRate: 0.2", "dropRate: 0.3")]
    [InlineData("depth: [1, 2, 6, 3]", "depth: [1, 2, 6, 4]")]
    [InlineData("width: [256, 512, 1536, 1536]", "width: [256, 512, 1536, 1280]")]
    [InlineData("trainImageSize: 192", "trainImageSize: 224")]
    [InlineData("description: a", "description: b")]
    [InlineData("alpha: 0.2", "alpha: 0.2000001")]
    [InlineData("numerics: { gelu: tanh }", "numerics: { gelu: erf }")]
    public void DifferentTextGivesUnequalPlans(string original, string changed)
    {
        const string template = "variants:\n  F0: { width: [256, 512, 1536, 1536], depth: [1, 2, 6, 3], trainImageSize: 192, testImageSize: 256, dropRate: 0.2, alpha: 0.2, description: a, numerics: { gelu: tanh } }\n";
        Assert.Contains(original, template);

        var a = Assert.Single(Specs.CompileClean(template).Plans);
        var b = Assert.Single(Specs.CompileClean(template.Replace(original, changed)).Plans);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void SourcePathIsPartOfThePlan()
    {
        var a = SpecCompiler.Compile("a.nfnet.yaml", Specs.ShippedText).Plans[0];
        var b = SpecCompiler.Compile("b.nfnet.yaml", Specs.ShippedText).Plans[0];

        Assert.NotEqual(a, b);
        Assert.Equal(a with { SourcePath = "b.nfnet.yaml" }, b);
    }

    [Fact]
    public void WhitespaceAndCommentsDoNotChangeThePlans()
    {
        var reformatted = Specs.ShippedText.Replace("\n", "   # trailing\n").Replace(": ", ":   ");

        Assert.Equal(Specs.Shipped.Plans, SpecCompiler.Compile("specs/nfnet.nfnet.yaml", reformatted).Plans);
    }
}
