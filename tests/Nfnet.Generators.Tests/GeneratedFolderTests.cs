using System;
using System.IO;
using System.Linq;
using System.Text;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// src/Nfnet.Models/Generated is committed so spec changes are reviewed as code. This fails CI when it is stale: the
/// generator, run here exactly as Nfnet.Models runs it, must give the committed files, byte for byte, and no others.
/// (Nfnet.Models does not rewrite the folder when CI=true, so this compares against what the change committed.)
/// </summary>
public sealed class GeneratedFolderTests
{
    private const string Fix = "Run `dotnet build src/Nfnet.Models` and commit src/Nfnet.Models/Generated.";

    [Fact]
    public void Committed_generated_files_are_exactly_what_the_generator_produces()
    {
        var specs = Directory.GetFiles(Path.Combine(RepoPaths.Root, "specs"), "*.nfnet.yaml")
            .Select(path => new InMemoryAdditionalText(path, File.ReadAllText(path)))
            .ToArray();
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(specs, RepoPaths.Root), GeneratorHarness.Compilation());
        // Notes only (timm's own NF-RegNet image sizes are not multiples of 32): no warning, no error.
        Assert.All(run.Diagnostics, d => Assert.Equal(("NFN014", Microsoft.CodeAnalysis.DiagnosticSeverity.Info), (d.Id, d.Severity)));

        var committed = Directory.GetFiles(RepoPaths.ModelsGenerated).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
        var generated = run.HintNames.OrderBy(n => n, System.StringComparer.Ordinal).ToList();
        Assert.True(generated.SequenceEqual(committed),
            $"Generated/ holds [{string.Join(", ", committed)}] but the generator gives [{string.Join(", ", generated)}]. {Fix}");
        foreach (var name in generated)
        {
            var expected = new UTF8Encoding(false).GetBytes(run.Source(name!));
            var actual = File.ReadAllBytes(Path.Combine(RepoPaths.ModelsGenerated, name!));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"Generated/{name} is stale. {Fix}");
        }
    }

    [Fact]
    public void The_model_library_holds_every_shipped_variant()
    {
        // DeepMind's sixteen F/F+ models and the 36 NF models timm registers.
        Assert.Equal(16, Directory.GetFiles(RepoPaths.ModelsGenerated, "specs.nfnet.*.g.cs").Length);
        Assert.Equal(36, Directory.GetFiles(RepoPaths.ModelsGenerated, "specs.timm-*.g.cs").Length);
    }
}
