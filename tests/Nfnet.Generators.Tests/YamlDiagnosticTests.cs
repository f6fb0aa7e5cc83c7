using System.Linq;
using Microsoft.CodeAnalysis;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>Every compiler-core diagnostic reaches Roslyn at the YAML node's exact place, in the form MSBuild prints.</summary>
public sealed class YamlDiagnosticTests
{
    private const string SpecPath = "/repo/specs/nfnet.nfnet.yaml";

    private static GeneratorRun RunShippedWith(string original, string replacement)
    {
        var text = System.IO.File.ReadAllText(RepoPaths.ShippedSpec);
        Assert.Contains(original, text);
        return GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText(SpecPath, text.Replace(original, replacement)));
    }

    [Fact]
    public void A_misspelt_key_is_reported_at_the_key_with_file_line_and_column()
    {
        // Line 12 of the shipped spec is "    width: [256, 512, 1536, 1536]" (F0's widths).
        var run = RunShippedWith("    width: [256, 512, 1536, 1536]", "    widht: [256, 512, 1536, 1536]");

        var diagnostic = run.Diagnostics.First(d => d.Id == "NFN002");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(SpecPath, span.Path);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(11, 4), span.StartLinePosition);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(11, 9), span.EndLinePosition);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("/repo/specs/nfnet.nfnet.yaml(12,5): error NFN002: unknown key 'widht'", diagnostic.ToString());
        Assert.Equal("Nfnet", diagnostic.Descriptor.Category);
        Assert.Equal("Unknown key", diagnostic.Descriptor.Title.ToString());
    }

    [Fact]
    public void A_bad_value_is_reported_at_the_value_and_only_its_variants_are_missing()
    {
        var run = RunShippedWith("    width: [256, 512, 1536, 1536]", "    width: [256, 0, 1536, 1536]");

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "NFN006");
        Assert.Equal("/repo/specs/nfnet.nfnet.yaml(12,18)", diagnostic.ToString().Split(':')[0]);
        // F0, F1..F7 inherit F0's widths; the F+ variants override them and are still generated.
        Assert.DoesNotContain("specs.nfnet.NfnetF0.g.cs", run.HintNames);
        Assert.Contains("specs.nfnet.NfnetF0Plus.g.cs", run.HintNames);
        Assert.Contains("NfnetZoo.g.cs", run.HintNames);
    }

    [Fact]
    public void A_note_stays_a_note_and_still_generates()
    {
        var spec = TestSpecs.Tiny("Odd").Replace("trainImageSize: 32", "trainImageSize: 33");
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText("/repo/odd.nfnet.yaml", spec));

        var note = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN014", note.Id);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Contains("odd.NfnetOdd.g.cs", run.HintNames);
    }

    [Fact]
    public void The_five_mistake_variant_fails_one_build_with_five_located_errors()
    {
        var spec = "variants:\n  Five:\n    width: [64, 128, 256]\n    depth: [1, 1, 1]\n    groupWidth: 16\n"
            + "    trainImageSize: \"64\"\n    activation: swish\n    alpha: 3.5\n    stride: [1, 3, 2]\n    dropRate: 1.5\n";
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText("/repo/five.nfnet.yaml", spec));

        Assert.Equal(
            new[] { ("NFN003", 6, 21), ("NFN008", 7, 17), ("NFN009", 8, 12), ("NFN009", 9, 17), ("NFN009", 10, 15) },
            run.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1)));
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void A_warning_stays_a_warning()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText("/repo/empty.nfnet.yaml", "variants: {}\n"));

        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN016", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData("variants:\n  F0: a: b\n", "NFN001")]
    [InlineData("variants:\n\tF0: {}\n", "NFN001")]
    [InlineData("- just\n- a list\n", "NFN003")]
    [InlineData("", "NFN016")]
    [InlineData("variants: &a { F0: *a }", "NFN017")]
    public void Broken_yaml_becomes_diagnostics_never_an_exception(string text, string code)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText("/repo/broken.nfnet.yaml", text));

        Assert.Null(run.Result.Exception);
        Assert.Contains(run.Diagnostics, d => d.Id == code && d.Location.GetLineSpan().Path == "/repo/broken.nfnet.yaml");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
    }

    [Fact]
    public void An_unreadable_spec_is_an_error_not_a_crash()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(), new InMemoryAdditionalText("/repo/gone.nfnet.yaml", null));

        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN999", diagnostic.Id);
        Assert.Contains("cannot read spec 'gone.nfnet.yaml'", diagnostic.GetMessage());
    }

    [Fact]
    public void Files_that_are_not_specs_are_ignored()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(),
            new InMemoryAdditionalText("/repo/settings.yaml", "not: [a spec"),
            new InMemoryAdditionalText("/repo/notes.txt", "widht"));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["Nfnet.NfnetModelAttribute.g.cs"], run.HintNames);
    }

    [Fact]
    public void The_same_variant_name_in_two_specs_is_reported_and_the_zoo_is_left_out()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(),
            new InMemoryAdditionalText("/repo/a.nfnet.yaml", TestSpecs.Tiny("Same").Replace("Demo.Tiny", "Demo.A")),
            new InMemoryAdditionalText("/repo/b.nfnet.yaml", TestSpecs.Tiny("Same").Replace("Demo.Tiny", "Demo.B")));

        var clash = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN010", clash.Id);
        Assert.Contains("a.nfnet.yaml, b.nfnet.yaml", clash.GetMessage());
        // At the second file's key "  Same:" (line 3, column 3), not at the start of the file.
        Assert.StartsWith("/repo/b.nfnet.yaml(3,3): error NFN010", clash.ToString());
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(2, 6), clash.Location.GetLineSpan().EndLinePosition);
        Assert.DoesNotContain("NfnetZoo.g.cs", run.HintNames);
    }

    [Fact]
    public void A_class_named_like_a_yaml_variant_is_reported_at_the_class_name()
    {
        var tiny = TestSpecs.Tiny("TinyNet").Replace("Demo.Tiny", "Demo.Yaml");
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Models/TinyNet.cs", TestSpecs.AttributeStandalone)),
            new InMemoryAdditionalText("/repo/a.nfnet.yaml", tiny));

        var clash = Assert.Single(run.Diagnostics);
        // "public partial class TinyNet" is line 7 of the C# file; the name starts in column 22.
        Assert.StartsWith("/repo/Models/TinyNet.cs(7,22): error NFN010: variant 'TinyNet' is defined more than once", clash.ToString());
    }

    [Fact]
    public void Two_variant_names_of_two_specs_generating_one_class_are_reported_at_the_second_name()
    {
        // nfnet_f0 and F0 would both become NfnetF0: the shipped timm spec gives nfnet_f0 className TimmNfnetF0 for this.
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(),
            new InMemoryAdditionalText("/repo/a.nfnet.yaml", TestSpecs.Tiny("F0")),
            new InMemoryAdditionalText("/repo/b.nfnet.yaml", TestSpecs.Tiny("f0_")));

        var clash = Assert.Single(run.Diagnostics, d => d.Id == "NFN020");
        Assert.StartsWith("/repo/b.nfnet.yaml(3,3): error NFN020: variants 'F0' in a.nfnet.yaml, 'f0_' in b.nfnet.yaml all generate class 'Demo.Tiny.NfnetF0'", clash.ToString());
        Assert.DoesNotContain("NfnetZoo.g.cs", run.HintNames);
    }
}
