using System.Linq;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests;

public class InheritanceTests
{
    [Fact]
    public void BaseByNameInheritsEveryUnsetKey()
    {
        var result = Specs.CompileClean("""
            variants:
              A:
                width: [256, 512]
                depth: [1, 2]
                alpha: 0.1
                trainImageSize: 64
                numerics: { gelu: erf }
              B:
                base: A
                depth: [3, 4]
            """);

        var b = result.Plan("B");
        Assert.Equal(new[] { 256, 512 }, b.Stages.Select(s => s.Width));
        Assert.Equal(new[] { 3, 4 }, b.Stages.Select(s => s.Depth));
        Assert.Equal(0.1, b.Alpha);
        Assert.Equal(64, b.TrainImageSize);
        Assert.Equal(GeluForm.Erf, b.Numerics.Gelu);
    }

    [Theory]
    [InlineData("[Low, High]", 0.3)]
    [InlineData("[High, Low]", 0.1)]
    public void LaterBasesOverrideEarlierOnes(string bases, double expectedAlpha)
    {
        var result = Specs.CompileClean($$"""
            variants:
              Low: { abstract: true, alpha: 0.1, dropRate: 0.1 }
              High: { abstract: true, alpha: 0.3 }
              C:
                base: {{bases}}
                width: [256]
                depth: [1]
                trainImageSize: 64
            """);

        var c = Assert.Single(result.Plans);
        Assert.Equal(expectedAlpha, c.Alpha);
        Assert.Equal(0.1, c.DropRate); // only Low sets it, whatever the order
    }

    [Fact]
    public void OwnKeysOverrideEveryBase()
    {
        var result = Specs.CompileClean("""
            variants:
              Low: { abstract: true, alpha: 0.1 }
              High: { abstract: true, alpha: 0.3 }
              C: { base: [Low, High], alpha: 0.5, width: [256], depth: [1], trainImageSize: 64 }
            """);

        Assert.Equal(0.5, Assert.Single(result.Plans).Alpha);
    }

    [Fact]
    public void NumericsKeysMergeOneByOne()
    {
        var result = Specs.CompileClean("""
            variants:
              A: { width: [256], depth: [1], trainImageSize: 64, numerics: { gelu: erf, wsEpsilon: timm } }
              B: { base: A, numerics: { padding: symmetric, wsEpsilon: deepmind } }
            """);

        Assert.Equal(new NumericsPlan(WsEpsilon.DeepMind, GeluForm.Erf, PaddingMode.Symmetric), result.Plan("B").Numerics);
    }

    [Fact]
    public void InheritanceIsTransitive()
    {
        var result = Specs.CompileClean("""
            variants:
              A: { width: [256], depth: [1], trainImageSize: 64, numClasses: 10 }
              B: { base: A, dropRate: 0.4 }
              C: { base: B, alpha: 0.3 }
            """);

        var c = result.Plan("C");
        Assert.Equal((10, 0.4, 0.3), (c.NumClasses, c.DropRate, c.Alpha));
    }

    [Fact]
    public void ClassNameDescriptionAndAbstractAreNotInherited()
    {
        var result = Specs.CompileClean("""
            variants:
              T: { abstract: true, width: [256], depth: [1], trainImageSize: 64, description: template }
              A: { base: T, className: Custom, description: own words }
              B: { base: A }
            """);

        Assert.Equal(new[] { "A", "B" }, result.Plans.Select(p => p.Name)); // B is concrete although T is abstract
        Assert.Equal(("Custom", "own words"), (result.Plan("A").ClassName, result.Plan("A").Description));
        Assert.Equal(("NfnetB", ""), (result.Plan("B").ClassName, result.Plan("B").Description));
    }

    [Fact]
    public void AbstractTemplatesProduceNoPlanAndNeedNoRequiredKeys()
    {
        var result = Specs.CompileClean("""
            variants:
              Wide: { abstract: true, width: [384, 768] }
              N: { base: Wide, depth: [1, 1], trainImageSize: 64 }
            """);

        var plan = Assert.Single(result.Plans);
        Assert.Equal("N", plan.Name);
        Assert.Equal(new[] { 384, 768 }, plan.Stages.Select(s => s.Width));
    }

    [Fact]
    public void ShippedSpecDefinesF0ToF7AndTheirWideVersionsButNotTheTemplate()
    {
        var expected = Enumerable.Range(0, 8).Select(i => $"F{i}").Concat(Enumerable.Range(0, 8).Select(i => $"F{i}+"));

        Assert.Empty(Specs.Shipped.Diagnostics);
        Assert.Equal(expected, Specs.Shipped.Plans.Select(p => p.Name));
        Assert.DoesNotContain(Specs.Shipped.Plans, p => p.Name == "Wide");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void PlusVariantsDifferFromTheirBaseOnlyInWidth(int n)
    {
        var plain = Specs.ShippedPlan($"F{n}");
        var plus = Specs.ShippedPlan($"F{n}+");

        Assert.Equal(new[] { 384, 768, 2048, 2048 }, plus.Stages.Select(s => s.Width));
        Assert.Equal(plain.Stages.Select(s => s.Depth), plus.Stages.Select(s => s.Depth));
        Assert.Equal((plain.TrainImageSize, plain.TestImageSize, plain.DropRate, plain.StochasticDepthRate, plain.Alpha),
            (plus.TrainImageSize, plus.TestImageSize, plus.DropRate, plus.StochasticDepthRate, plus.Alpha));
        Assert.Equal($"NfnetF{n}Plus", plus.ClassName);
    }

    [Fact]
    public void ShippedVariantsMatchDeepMindsTable()
    {
        // DeepMind nfnet_params: depth [1,2,6,3]·(N+1), train/test sizes and dropout per variant.
        int[] train = [192, 224, 256, 320, 384, 416, 448, 480];
        int[] test = [256, 320, 352, 416, 512, 544, 576, 608];
        double[] drop = [0.2, 0.3, 0.4, 0.4, 0.5, 0.5, 0.5, 0.5];
        for (var n = 0; n < 8; n++)
        {
            var plan = Specs.ShippedPlan($"F{n}");
            Assert.Equal(new[] { 1, 2, 6, 3 }.Select(d => d * (n + 1)), plan.Stages.Select(s => s.Depth));
            Assert.Equal(new[] { 256, 512, 1536, 1536 }, plan.Stages.Select(s => s.Width));
            Assert.Equal((train[n], test[n], drop[n], 0.25), (plan.TrainImageSize, plan.TestImageSize, plan.DropRate, plan.StochasticDepthRate));
        }
    }
}
