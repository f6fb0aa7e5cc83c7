using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>The family keys: typos with suggestions, settings that do not apply together, and what only the derived widths show.</summary>
public class FamilyKeyDiagnosticTests
{
    private static SpecCompilation Variant(string extra) =>
        Specs.Compile("variants:\n  x:\n    width: [64, 128]\n    depth: [1, 1]\n    groupWidth: 16\n    trainImageSize: 64\n" + extra);

    [Theory]
    [InlineData("    stemType: 7x8\n", "NFN019", 7, 15, "did you mean '7x7'?")]
    [InlineData("    block: regnt\n", "NFN019", 7, 12, "did you mean 'regnet'?")]
    [InlineData("    rounding: tim\n", "NFN019", 7, 15, "did you mean 'timm'?")]
    [InlineData("    zeroInit: conv3gain\n", "NFN019", 7, 15, "did you mean 'conv3Gain'?")]
    [InlineData("    seActivation: rleu\n", "NFN008", 7, 19, "did you mean 'relu'?")]
    [InlineData("    attention: [se, sse]\n", "NFN019", 7, 21, "did you mean 'se'?")]
    [InlineData("    stemWidht: 32\n", "NFN002", 7, 5, "did you mean 'stemWidth'?")]
    [InlineData("    numerics: { stochasticDepht: timm }\n", "NFN002", 7, 17, "did you mean 'stochasticDepth'?")]
    [InlineData("    extraConv: 1\n", "NFN003", 7, 16, "true or false")]
    public void A_misspelled_family_value_is_reported_where_it_is_written(string extra, string code, int line, int column, string hint)
    {
        var d = Specs.Single(Variant(extra), code, line, column);
        Assert.Contains(hint, d.Message);
    }

    [Theory]
    [InlineData("    attention: eca\n    seRatio: 0.25\n", 8, 14, "'seRatio' configures squeeze-excite, but no stage uses 'se'")]
    [InlineData("    ecaKernel: 5\n", 7, 16, "'ecaKernel' configures ECA, but no stage uses 'eca'")]
    [InlineData("    attention: none\n    attentionPlace: mid\n", 8, 21, "'attentionPlace' has no effect")]
    [InlineData("    stemType: deep_quad\n    stem: [8, 16]\n", 8, 11, "'stem' lists the explicit stem's convs")]
    [InlineData("    stemWidth: 32\n", 7, 16, "'stemWidth' sizes the timm stem types")]
    [InlineData("    channelDivisor: 4\n", 7, 21, "'channelDivisor' applies only with 'rounding: timm'")]
    public void Settings_that_do_not_apply_together_are_reported_at_the_one_that_does_not_apply(string extra, int line, int column, string message)
    {
        var d = Assert.Single(Variant(extra).Diagnostics);
        Specs.AssertAt(d, "NFN025", line, column);
        Assert.Contains(message, d.Message);
    }

    [Fact]
    public void Every_independent_family_mistake_is_reported_at_once()
    {
        var result = Variant("    stemType: 7x8\n    block: regnt\n    attention: eca\n    seRatio: 0.25\n    ecaKernel: 4\n    widthFactor: 0\n");

        Assert.Equal(
            new[] { ("NFN019", 7), ("NFN019", 8), ("NFN025", 10), ("NFN009", 11), ("NFN009", 12) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line)));
    }

    [Fact]
    public void A_group_width_that_does_not_divide_timms_rounded_mid_width_is_an_error_at_the_group_width()
    {
        var d = Specs.Single(Specs.Compile("variants:\n  x: { width: [64, 128], depth: [1, 1], trainImageSize: 64, rounding: timm, groupWidth: 12 }\n"), "NFN026", 2, 89);
        Assert.Contains("64 channels, which 5 groups of width 12 do not divide", d.Message);
    }

    [Fact]
    public void A_stem_too_narrow_for_its_type_is_reported_at_the_stem_width()
    {
        // deep_quad's first conv has c / 8 channels: 4 / 8 = 0.
        var d = Specs.Single(Variant("    stemType: deep_quad\n    stemWidth: 4\n"), "NFN006", 8, 16);
        Assert.Contains("0/1/2/4 channels", d.Message);
    }

    [Fact]
    public void Group_width_zero_means_dense_convs()
    {
        var plan = Specs.CompileClean("variants:\n  x: { width: [64, 128], depth: [1, 1], groupWidth: 0, trainImageSize: 64 }\n").Plan("x");

        Assert.Equal(new[] { (32, 1), (64, 1) }, plan.Blocks.Select(b => (b.MidChannels, b.Groups)));
    }

    [Fact]
    public void A_shipped_variant_is_a_base_in_any_file()
    {
        var plan = Specs.CompileClean("variants:\n  small: { base: nf_resnet50, width: [64, 128, 256, 512], depth: [1, 1, 1, 1], trainImageSize: 64, testImageSize: 64 }\n").Plan("small");

        Assert.Equal((Nfnet.Dsl.Lowering.StemKind.Conv7x7, true), (plan.Stem.Kind, plan.Stem.MaxPool));
        Assert.Null(plan.FinalConv);
        Assert.Equal(new[] { 16, 32, 64, 128 }, plan.Stages.Select(s => s.Blocks[0].MidChannels));
    }

    [Fact]
    public void A_mistake_in_a_value_inherited_from_a_shipped_variant_is_reported_at_base()
    {
        // Two widths against nf_resnet50's four depths, which live in the embedded spec.
        var d = Specs.Single(Specs.Compile("variants:\n  small: { base: nf_resnet50, width: [64, 128] }\n"), "NFN005", 2, 18);
        Assert.EndsWith("(in a value inherited from a shipped variant)", d.Message);
    }
}
