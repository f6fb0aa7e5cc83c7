using System.Linq;
using Microsoft.CodeAnalysis;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>Problems in an [NfnetModel] are reported at the C# argument (or class) they come from.</summary>
public sealed class AttributeDiagnosticTests
{
    private const string Path = "/repo/Models/Net.cs";

    private static GeneratorRun Run(string attribute, string declaration = "public partial class Net")
    {
        var source = $$"""
            using Nfnet;

            namespace Demo.Models;

            [NfnetModel({{attribute}})]
            {{declaration}}
            {
            }
            """;
        return GeneratorHarness.Run(GeneratorHarness.Compilation((Path, source)));
    }

    /// <summary>The 1-based "path(line,col)" a build would print for the diagnostic with this code.</summary>
    private static string Where(GeneratorRun run, string code)
    {
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == code);
        Assert.Null(run.Result.Exception);
        var text = diagnostic.ToString(); // "path(line,col): error NFN019: message"
        return text.Substring(0, text.IndexOf(": ", text.IndexOf(": ", System.StringComparison.Ordinal) + 2, System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_activation_is_reported_at_the_string_with_a_suggestion()
    {
        var run = Run("""Base = "F0", Activation = "reluu" """);

        Assert.Equal("/repo/Models/Net.cs(5,39): error NFN008", Where(run, "NFN008"));
        Assert.Contains("'relu'", run.Diagnostics.Single().GetMessage());
        Assert.DoesNotContain("Demo.Models.Net.g.cs", run.HintNames);
    }

    [Fact]
    public void A_bad_array_element_is_reported_at_that_element()
    {
        var run = Run("Width = new[] { 32, -64 }, Depth = new[] { 1, 1 }, GroupWidth = 8, TrainImageSize = 32");

        Assert.Equal("/repo/Models/Net.cs(5,33): error NFN006", Where(run, "NFN006"));
    }

    [Fact]
    public void Family_keys_work_as_attribute_properties_on_a_timm_base()
    {
        var run = Run("""Base = "nf_resnet50", StemPool = false, Attentions = ["none", "se", "se", "eca"], SeRatio = 0.25, NumClasses = 10""");

        Assert.Empty(run.Diagnostics);
        var source = run.Source("Demo.Models.Net.g.cs");
        Assert.Contains("maxPool: false", source);
        Assert.Contains("attention: BlockAttention.Se(hiddenChannels: 128)", source);   // 512 × 0.25, stage 1
        Assert.Contains("attention: BlockAttention.Eca(kernelSize: 7)", source);        // 2048 channels, stage 3
    }

    [Fact]
    public void A_bad_string_array_element_is_reported_at_that_element()
    {
        var run = Run("""Base = "nf_resnet50", Attentions = ["none", "sse", "se", "eca"]""");

        Assert.Equal("/repo/Models/Net.cs(5,57): error NFN019", Where(run, "NFN019"));
        Assert.Contains("did you mean 'se'?", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void Every_independent_attribute_mistake_is_reported_at_once()
    {
        // A Depth of the wrong length used to hide the rest. F0's stage widths 256 and 512 (inherited, so reported at
        // Base) give 128 and 256 mid channels, less than one group of 300.
        var run = Run("""Base = "F0", Depth = [1, 2], Alpha = 2.0, Stride = [1, 3, 2, 2], GroupWidth = 300, Activation = "swish" """);

        Assert.Equal(
            new[] { ("NFN007", 5, 20), ("NFN007", 5, 20), ("NFN005", 5, 26), ("NFN009", 5, 50), ("NFN009", 5, 68), ("NFN008", 5, 109) },
            run.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1)).OrderBy(d => d.Item3));
    }

    [Fact]
    public void A_missing_required_key_is_reported_on_the_attribute()
    {
        var run = Run("Depth = [1, 1], TrainImageSize = 32");

        Assert.Equal("/repo/Models/Net.cs(5,2): error NFN004", Where(run, "NFN004"));
        Assert.Contains("'width'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void A_problem_with_an_inherited_value_is_reported_on_the_attribute_not_in_the_shipped_yaml()
    {
        // Two widths against F0's four depths: the depth list lives in the embedded spec, which the user cannot open,
        // so the error is at the Base argument that brought it in.
        var run = Run("""Base = "F0", Width = [64, 128]""");

        Assert.Equal("/repo/Models/Net.cs(5,20): error NFN005", Where(run, "NFN005"));
        Assert.Contains("inherited from a shipped variant", run.Diagnostics.Single(d => d.Id == "NFN005").GetMessage());
    }

    [Fact]
    public void Setting_both_forms_of_a_per_stage_key_is_reported_at_the_second()
    {
        var run = Run("""Base = "F0", GroupWidth = 64, GroupWidths = [64, 64, 64, 64]""");

        Assert.Equal("/repo/Models/Net.cs(5,43): error NFN018", Where(run, "NFN018"));
    }

    [Fact]
    public void An_unknown_base_is_reported_at_the_base_argument()
    {
        var run = Run("""Base = "F9" """);

        Assert.Equal("/repo/Models/Net.cs(5,20): error NFN012", Where(run, "NFN012"));
        // Fifty-odd shipped names would bury the message; the docs list them.
        Assert.Equal("'Net' has Base = \"F9\", which is not a shipped variant; did you mean 'F0'? (docs/spec-language.md lists the shipped specs)",
            run.Diagnostics.Single().GetMessage());
    }

    [Theory]
    [InlineData("public class Net", "is not partial")]
    [InlineData("public static partial class Net", "is static")]
    [InlineData("public partial class Net<T>", "is generic")]
    [InlineData("public partial class Net : System.Exception", "derives from 'System.Exception'")]
    public void A_class_the_generator_cannot_complete_is_reported_at_its_name(string declaration, string reason)
    {
        var run = Run("""Base = "F0" """, declaration);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN024", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage());
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(5, declaration.IndexOf("Net", System.StringComparison.Ordinal)),
            diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal(["Nfnet.NfnetModelAttribute.g.cs"], run.HintNames);
    }

    [Fact]
    public void A_class_in_the_global_namespace_is_reported()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation((Path, "[Nfnet.NfnetModel(Base = \"F0\")] public partial class Net { }")));

        Assert.Equal("NFN021", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void A_class_named_like_a_shipped_variant_is_reported_at_its_name()
    {
        var run = Run("""Base = "F0" """, "public partial class F1");

        Assert.Equal("/repo/Models/Net.cs(6,22): error NFN010", Where(run, "NFN010"));
    }

    [Fact]
    public void A_valid_attribute_has_no_diagnostics_and_generates_its_class()
    {
        var run = Run("""Base = "F0+", NumClasses = 10""");

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Demo.Models.Net.g.cs", run.HintNames);
        Assert.Contains("public sealed partial class Net : nn.Module<Tensor, Tensor>", run.Source("Demo.Models.Net.g.cs"));
    }
}
