using System.Linq;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests;

public class ParsingTests
{
    private const string Minimal = """
        variants:
          M:
            width: [256, 512, 1536, 1536]
            depth: [1, 2, 6, 3]
            trainImageSize: 192
        """;

    [Fact]
    public void MinimalSpecGivesOnePlanWithTheConstructorDefaults()
    {
        var plan = Assert.Single(Specs.CompileClean(Minimal).Plans);

        Assert.Equal("M", plan.Name);
        Assert.Equal("NfnetM", plan.ClassName);
        Assert.Equal("Nfnet.Models", plan.Namespace);
        Assert.Equal("", plan.Description);
        Assert.Equal("gelu", plan.Activation);
        Assert.Equal(1.7015043497085571, plan.ActivationGamma);
        Assert.Equal(0.2, plan.Alpha);
        Assert.Equal(0.1, plan.StochasticDepthRate);
        Assert.Equal(0.0, plan.DropRate);
        Assert.Equal(1000, plan.NumClasses);
        Assert.Equal(192, plan.TrainImageSize);
        Assert.Equal(192, plan.TestImageSize); // defaults to trainImageSize
        Assert.Equal(NumericsPlan.DeepMind, plan.Numerics);
        Assert.Equal(new[] { 16, 32, 64, 128 }, plan.Stem.Convs.Select(c => c.OutChannels));
        Assert.Equal(new[] { 1, 2, 2, 2 }, plan.Stages.Select(s => s.Stride));
        Assert.Equal(new[] { 128, 128, 128, 128 }, plan.Stages.Select(s => s.GroupWidth));
        Assert.Equal(new[] { 0.5, 0.5, 0.5, 0.5 }, plan.Stages.Select(s => s.Expansion));
        Assert.Equal(3072, plan.FinalConv!.OutChannels);
    }

    [Fact]
    public void FileSettingsNameTheGeneratedClasses()
    {
        var result = Specs.CompileClean("""
            namespace: My.Models
            classPrefix: Net
            variants:
              A:
                width: [256, 512]
                depth: [1, 1]
                trainImageSize: 64
              A+:
                base: A
              B:
                base: A
                className: Special
            """);

        Assert.All(result.Plans, p => Assert.Equal("My.Models", p.Namespace));
        Assert.Equal(new[] { "NetA", "NetAPlus", "Special" }, result.Plans.Select(p => p.ClassName));
    }

    [Fact]
    public void ScalarPerStageValuesApplyToEveryStage()
    {
        var plan = Assert.Single(Specs.CompileClean("""
            variants:
              M:
                width: [256, 512, 1024]
                depth: 2
                stride: 2
                groupWidth: 64
                expansion: 0.25
                seRatio: 0.25
                trainImageSize: 256
            """).Plans);

        Assert.Equal(new[] { 2, 2, 2 }, plan.Stages.Select(s => s.Depth));
        Assert.Equal(new[] { 2, 2, 2 }, plan.Stages.Select(s => s.Stride));
        Assert.Equal(new[] { 64, 64, 64 }, plan.Stages.Select(s => s.GroupWidth));
        Assert.Equal(new[] { 0.25, 0.25, 0.25 }, plan.Stages.Select(s => s.Expansion));
        // int(w × 0.25) is 64 / 128 / 256: 1, 2 and 4 groups of 64; SE hidden int(w × 0.25).
        Assert.Equal(new[] { 64, 128, 256 }, plan.Blocks.Where(b => b.IndexInStage == 0).Select(b => b.MidChannels));
        Assert.Equal(new[] { 1, 2, 4 }, plan.Blocks.Where(b => b.IndexInStage == 0).Select(b => b.Groups));
        Assert.Equal(new[] { 64, 128, 256 }, plan.Blocks.Where(b => b.IndexInStage == 0).Select(b => b.Attention!.HiddenChannels));
    }

    [Fact]
    public void ScalarWidthTakesItsStageCountFromTheOtherLists()
    {
        var plan = Assert.Single(Specs.CompileClean("""
            variants:
              M:
                width: 256
                depth: [1, 2, 3]
                trainImageSize: 128
            """).Plans);

        Assert.Equal(new[] { 256, 256, 256 }, plan.Stages.Select(s => s.Width));
        Assert.Equal(new[] { 1, 2, 3 }, plan.Stages.Select(s => s.Depth));
    }

    [Fact]
    public void DepthMultiplierScalesEveryStage()
    {
        var plan = Assert.Single(Specs.CompileClean("""
            variants:
              M:
                width: [256, 512, 1536, 1536]
                depth: [1, 2, 6, 3]
                depthMultiplier: 3
                trainImageSize: 256
            """).Plans);

        Assert.Equal(new[] { 3, 6, 18, 9 }, plan.Stages.Select(s => s.Depth));
        Assert.Equal(36, plan.BlockCount);
    }

    [Fact]
    public void ExplicitValuesReplaceTheDefaults()
    {
        var plan = Assert.Single(Specs.CompileClean("""
            variants:
              M:
                description: A small test net
                width: [64, 128]
                depth: [1, 1]
                stride: [2, 1]
                groupWidth: [16, 32]
                activation: relu
                alpha: 0.5
                stem: [8, 16]
                finalConvMultiplier: 1.5
                stochasticDepthRate: 0.3
                dropRate: 0.25
                trainImageSize: 96
                testImageSize: 128
                numClasses: 10
            """).Plans);

        Assert.Equal("A small test net", plan.Description);
        Assert.Equal(new[] { 2, 1 }, plan.Stages.Select(s => s.Stride));
        Assert.Equal(new[] { 16, 32 }, plan.Stages.Select(s => s.GroupWidth));
        Assert.Equal("relu", plan.Activation);
        Assert.Equal(1.7139588594436646, plan.ActivationGamma);
        Assert.Equal(0.5, plan.Alpha);
        Assert.Equal(new[] { 8, 16, 32 }, plan.Stem.Convs.Select(c => c.OutChannels)); // last stem conv: 64 / 2
        Assert.Equal(192, plan.FinalConv!.OutChannels); // int(1.5 × 128)
        Assert.Equal(0.3, plan.StochasticDepthRate);
        Assert.Equal(0.25, plan.DropRate);
        Assert.Equal((96, 128, 10), (plan.TrainImageSize, plan.TestImageSize, plan.NumClasses));
    }

    [Theory]
    [InlineData("", WsEpsilon.DeepMind, GeluForm.Tanh, PaddingMode.Same)]
    [InlineData("numerics: { gelu: erf }", WsEpsilon.DeepMind, GeluForm.Erf, PaddingMode.Same)]
    [InlineData("numerics: { wsEpsilon: timm, gelu: erf, padding: symmetric }", WsEpsilon.Timm, GeluForm.Erf, PaddingMode.Symmetric)]
    [InlineData("numerics: { padding: symmetric }", WsEpsilon.DeepMind, GeluForm.Tanh, PaddingMode.Symmetric)]
    public void NumericsSectionSelectsEachOptionSeparately(string numerics, WsEpsilon ws, GeluForm gelu, PaddingMode padding)
    {
        var plan = Assert.Single(Specs.CompileClean("variants:\n  M:\n" + Specs.F0Body + "\n    " + numerics + "\n").Plans);

        Assert.Equal(new NumericsPlan(ws, gelu, padding), plan.Numerics);
    }
}
