using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Nfnet.Generators.Analyzers;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// Attribute-spec diagnostics have real source locations in the .cs file, on the offending argument, so an editor
/// squiggles them while you type. They come from NfnetModelAnalyzer; the generator reports none of them (no doubles).
/// </summary>
public sealed class AttributeSquiggleTests
{
    private const string Path = "/repo/Models/Net.cs";

    private static GeneratorRun Run(string attribute, string declaration = "public partial class Net") =>
        GeneratorHarness.Run(GeneratorHarness.Compilation((Path, $$"""
            namespace Demo.Models;

            [Nfnet.NfnetModel({{attribute}})]
            {{declaration}}
            {
            }
            """)));

    [Theory]
    [InlineData("Base = \"F0\", Activation = \"swish\"", "NFN008", "\"swish\"")]
    [InlineData("Base = \"F9\"", "NFN012", "\"F9\"")]
    [InlineData("Width = new[] { 32, -64 }, Depth = new[] { 1, 1 }, GroupWidth = 8, TrainImageSize = 32", "NFN006", "-64")]
    [InlineData("Base = \"F0\", Alpha = 3.5", "NFN009", "3.5")]
    [InlineData("Base = \"F0\", GroupWidth = 64, GroupWidths = [64, 64, 64, 64]", "NFN018", "GroupWidths = [64, 64, 64, 64]")]
    [InlineData("Depth = [1, 1], TrainImageSize = 32", "NFN004", "Nfnet.NfnetModel(Depth = [1, 1], TrainImageSize = 32)")]
    public void The_diagnostic_sits_on_the_offending_argument_in_the_cs_file(string attribute, string code, string underlined)
    {
        var run = Run(attribute);

        Assert.Empty(run.GeneratorDiagnostics);
        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal(code, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(Path, diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(underlined, diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void A_class_the_generator_cannot_complete_is_squiggled_at_its_name()
    {
        var run = Run("Base = \"F0\"", "public class Net");

        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("NFN024", diagnostic.Id);
        Assert.Equal("Net", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(3, 13), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public async System.Threading.Tasks.Task An_editor_asking_for_one_documents_diagnostics_gets_them()
    {
        // What the IDE does per open document: semantic diagnostics of that tree only.
        var run = Run("Base = \"F0\", Activation = \"swish\"");
        var tree = run.Output.SyntaxTrees.Single(t => t.FilePath == Path);
        var analyzers = run.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NfnetModelAnalyzer()));

        var diagnostics = await analyzers.GetAnalyzerSemanticDiagnosticsAsync(run.Output.GetSemanticModel(tree), filterSpan: null, default);

        Assert.StartsWith("/repo/Models/Net.cs(3,45): error NFN008: ", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void A_valid_attribute_gets_no_diagnostic_and_every_reported_code_is_supported()
    {
        Assert.Empty(Run("Base = \"F0+\", NumClasses = 10").Diagnostics);
        var supported = new NfnetModelAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        Assert.Subset(supported, Nfnet.Dsl.Diagnostics.DiagnosticCatalog.All.Select(k => k.Code).ToHashSet());
        Assert.Equal(Nfnet.Dsl.Diagnostics.DiagnosticCatalog.All.Count, supported.Count);
    }
}
