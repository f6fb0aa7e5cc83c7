using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>Whatever the generator writes must compile cleanly against Nfnet.Runtime and TorchSharp: no errors, no warnings.</summary>
public sealed class GeneratedCodeCompilesTests
{
    [Fact]
    public void Every_shipped_variant_attribute_classes_and_the_zoo_compile_without_any_diagnostic()
    {
        var compilation = GeneratorHarness.Compilation(
            ("/repo/Models/SiluF0.cs", TestSpecs.AttributeOnF0),
            ("/repo/Models/TinyNet.cs", TestSpecs.AttributeStandalone),
            ("/repo/Usage.cs", """
                namespace Demo.Models;

                public static class Usage
                {
                    // The user's part and the generated part are one class: both members are there.
                    public static string Describe() => TinyNet.Origin + " " + TinyNet.VariantName + " " + SiluF0.DefaultNumClasses;
                }
                """));
        var run = GeneratorHarness.Run(compilation, GeneratorHarness.ShippedSpecAt("/repo/specs/nfnet.nfnet.yaml"));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(16 + 2 + 2, run.HintNames.Count); // 16 shipped, 2 attribute classes, the zoo and the attribute
        // Doc comments are checked too: a consumer with GenerateDocumentationFile and warnings as errors must build.
        // Only the test's own hand-written classes may go undocumented.
        var problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || (d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) ?? true))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        using var image = new MemoryStream();
        var emit = run.Output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Take(20)));
    }

    [Fact]
    public void An_internal_attribute_class_gets_an_internal_generated_part()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Models/SiluF0.cs", TestSpecs.AttributeOnF0)));

        var type = run.Output.GetTypeByMetadataName("Demo.Models.SiluF0");
        Assert.NotNull(type);
        Assert.Equal(Accessibility.Internal, type.DeclaredAccessibility);
        Assert.Equal("Module", type.BaseType?.Name);
        Assert.Contains("internal sealed partial class SiluF0 : nn.Module<Tensor, Tensor>", run.Source("Demo.Models.SiluF0.g.cs"));
    }
}
