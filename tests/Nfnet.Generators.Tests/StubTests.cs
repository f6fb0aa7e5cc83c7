using System.Linq;
using Microsoft.CodeAnalysis;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// A spec with errors still gives its classes a marked stub: the user's code that uses them compiles (with a warning
/// naming the spec's first error), so the spec's NFN errors are the only errors of the build, not CS0246 after CS0246.
/// </summary>
public sealed class StubTests
{
    private const string Usage = """
        namespace Demo.App;

        public static class Usage
        {
            public static TorchSharp.torch.Tensor Run(TorchSharp.torch.Tensor x)
            {
                using var model = new Demo.Tiny.NfnetBad(numClasses: 10);
                return model.forward(x);
            }
        }
        """;

    /// <summary>Line 6 is "    alpha: 3.5": out of range (NFN009) at column 12.</summary>
    private const string BadAlpha = """
        namespace: Demo.Tiny
        variants:
          Bad:
            width: [32, 64]
            depth: [1, 1]
            alpha: 3.5
            groupWidth: 8
            trainImageSize: 32
          Good: { width: [32, 64], depth: [1, 1], groupWidth: 8, trainImageSize: 32 }
        """;

    private static GeneratorRun RunWith(string spec, string usage = Usage) =>
        GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Usage.cs", usage)), new InMemoryAdditionalText("/repo/specs/tiny.nfnet.yaml", spec));

    private static Diagnostic[] CompilerProblems(GeneratorRun run) =>
        run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ToArray();

    [Fact]
    public void A_variant_with_a_spec_error_gets_a_stub_so_the_only_errors_are_the_specs()
    {
        var run = RunWith(BadAlpha);

        Assert.StartsWith("/repo/specs/tiny.nfnet.yaml(6,12): error NFN009", Assert.Single(run.Diagnostics).ToString());
        var problems = CompilerProblems(run);
        var warning = Assert.Single(problems); // no CS0246, no CS1061: only the stub's own warning at the use
        Assert.Equal("CS0618", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("NfnetBad was not generated: specs/tiny.nfnet.yaml has 1 error (the first: NFN009 at line 6, column 12); fix the spec and rebuild",
            warning.GetMessage());
        Assert.Contains("specs.tiny.NfnetBad.stub.g.cs", run.HintNames);
        Assert.Contains("specs.tiny.NfnetGood.g.cs", run.HintNames); // the valid variant is still generated
        Assert.DoesNotContain("specs.tiny.NfnetBad.g.cs", run.HintNames);
        Assert.Contains("a STUB for variant Bad", run.Source("specs.tiny.NfnetBad.stub.g.cs"));
    }

    [Fact]
    public void An_unclosed_bracket_still_stubs_the_variants_read_before_it()
    {
        // Line 4 is "    width: [32, 64": the '[' is at column 12 and never closed.
        var run = RunWith("namespace: Demo.Tiny\nvariants:\n  Bad:\n    width: [32, 64\n    depth: [1, 1]\n    trainImageSize: 32\n");

        Assert.StartsWith("/repo/specs/tiny.nfnet.yaml(4,12): error NFN001: '[' at line 4, column 12 opens a list that is never closed", Assert.Single(run.Diagnostics).ToString());
        var warning = Assert.Single(CompilerProblems(run));
        Assert.Equal("CS0618", warning.Id);
        Assert.Contains("has 1 error (the first: NFN001 at line 4, column 12)", warning.GetMessage());
    }

    [Fact]
    public void Without_the_stub_the_same_code_fails_with_cs0246()
    {
        // The control: a spec naming no such variant leaves the class missing, which is what the stub prevents.
        var run = RunWith(BadAlpha.Replace("  Bad:", "  Other:"));

        Assert.Contains(CompilerProblems(run), d => d.Id == "CS0234" || d.Id == "CS0246");
    }

    [Fact]
    public void An_attribute_class_with_a_spec_error_is_completed_by_a_stub_part()
    {
        var source = """
            namespace Demo.Models;

            [Nfnet.NfnetModel(Base = "F0", Activation = "swish")]
            public partial class Swish
            {
            }

            public static class Usage
            {
                public static TorchSharp.torch.Tensor Run(TorchSharp.torch.Tensor x) => new Swish().forward(x);
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Models/Swish.cs", source)));

        Assert.Equal("NFN008", Assert.Single(run.Diagnostics).Id);
        var warning = Assert.Single(CompilerProblems(run));
        Assert.Equal("CS0618", warning.Id);
        Assert.Contains("Swish was not generated: Models/Swish.cs has 1 error (the first: NFN008 at line 3, column 45)", warning.GetMessage());
        Assert.Contains("Demo.Models.Swish.stub.g.cs", run.HintNames);
    }

    [Fact]
    public void A_class_another_spec_generates_gets_no_stub()
    {
        var good = BadAlpha.Replace("    alpha: 3.5\n", "");
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Usage.cs", Usage)),
            new InMemoryAdditionalText("/repo/specs/tiny.nfnet.yaml", BadAlpha),
            new InMemoryAdditionalText("/repo/specs/good.nfnet.yaml", good.Replace("  Good:", "  Fine:")));

        Assert.DoesNotContain("specs.tiny.NfnetBad.stub.g.cs", run.HintNames); // good.nfnet.yaml generates Demo.Tiny.NfnetBad
        Assert.Empty(CompilerProblems(run)); // in particular no CS0101 for two NfnetBad classes
    }
}
