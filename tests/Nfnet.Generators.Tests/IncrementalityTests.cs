using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Nfnet.Generators.Models;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// The pipeline reruns only what an edit changes. Checked through the driver's step tracking: a second run that
/// produced no diagnostics proves nothing about caching (dotnet/runtime#89587), the run reasons do.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly InMemoryAdditionalText SpecA = new("/repo/specs/a.nfnet.yaml", TestSpecs.Tiny("A"));
    private static readonly InMemoryAdditionalText SpecB = new("/repo/specs/b.nfnet.yaml", TestSpecs.Tiny("B"));

    /// <summary>A spec with an error (alpha out of range), so the stub steps have something to carry.</summary>
    private static readonly InMemoryAdditionalText SpecWithError = new("/repo/specs/c.nfnet.yaml", TestSpecs.Tiny("C").Replace("depth: [1, 1]", "depth: [1, 1]\n    alpha: 3.5"));

    private static CSharpCompilation Sources() => GeneratorHarness.Compilation(
        ("/repo/Models/SiluF0.cs", TestSpecs.AttributeOnF0),
        ("/repo/Models/TinyNet.cs", TestSpecs.AttributeStandalone),
        ("/repo/Unrelated.cs", TestSpecs.Unrelated));

    [Fact]
    public void Rerunning_on_an_unchanged_compilation_leaves_every_step_cached_or_unchanged()
    {
        var compilation = Sources();
        var first = GeneratorHarness.Run(compilation, SpecA, SpecB, SpecWithError);
        var second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        Assert.Contains("specs.c.NfnetC.stub.g.cs", first.HintNames);
        // Every named step ran in this scenario, so the check below covers all of them.
        Assert.Equal(StepAssert.TrackingNamesOfGenerator.OrderBy(n => n), second.Result.TrackedSteps.Keys.Where(StepAssert.TrackingNamesOfGenerator.Contains).OrderBy(n => n));
        StepAssert.NothingRegenerated(second.Result);
        Assert.Equal(first.HintNames, second.HintNames);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(Sources(), SpecA, SpecB);

        StepAssert.HoldsNoCompilerObjects(run.Result);
    }

    [Fact]
    public void Editing_one_spec_recompiles_only_that_spec_and_leaves_the_other_files_outputs_cached()
    {
        var compilation = Sources();
        var first = GeneratorHarness.Run(compilation, SpecA, SpecB);
        var editedA = new InMemoryAdditionalText(SpecA.Path, TestSpecs.Tiny("A", width: 48));
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(SpecA, editedA), compilation);

        var compiled = StepAssert.Outputs(second.Result, TrackingNames.CompiledSpecs).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(compiled, "A"));
        Assert.Equal(IncrementalStepRunReason.Cached, ReasonFor(compiled, "B"));
        var variants = StepAssert.Outputs(second.Result, TrackingNames.SpecVariants).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, variants.Single(v => ((VariantSource)v.Value).Plan.Name == "A").Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, variants.Single(v => ((VariantSource)v.Value).Plan.Name == "B").Reason);
        // The attribute classes did not change either.
        Assert.All(StepAssert.Outputs(second.Result, TrackingNames.CompiledAttributeSpecs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.NotEqual(first.Source("specs.a.NfnetA.g.cs"), second.Source("specs.a.NfnetA.g.cs"));
        Assert.Equal(first.Source("specs.b.NfnetB.g.cs"), second.Source("specs.b.NfnetB.g.cs"));
    }

    [Fact]
    public void A_comment_added_to_a_spec_recompiles_it_but_regenerates_nothing()
    {
        var compilation = Sources();
        var first = GeneratorHarness.Run(compilation, SpecA, SpecB);
        var commented = new InMemoryAdditionalText(SpecA.Path, "# a comment moves nothing that matters\n" + SpecA.GetText()!);
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(SpecA, commented), compilation);

        Assert.Contains(StepAssert.Outputs(second.Result, TrackingNames.SpecTexts), o => o.Reason == IncrementalStepRunReason.Modified);
        // Plans carry no spans, so the recompiled spec equals the previous one and everything after it stays put.
        Assert.Equal(IncrementalStepRunReason.Unchanged, ReasonFor(StepAssert.Outputs(second.Result, TrackingNames.CompiledSpecs).ToList(), "A"));
        Assert.All(second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_an_unrelated_csharp_file_regenerates_nothing()
    {
        var compilation = Sources();
        var first = GeneratorHarness.Run(compilation, SpecA, SpecB);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "/repo/Unrelated.cs");
        var newTree = CSharpSyntaxTree.ParseText(TestSpecs.Unrelated.Replace("42", "43"), GeneratorHarness.ParseOptions, oldTree.FilePath);
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(oldTree, newTree));

        StepAssert.NothingRegenerated(second.Result);
    }

    [Fact]
    public void Editing_one_attribute_regenerates_only_that_class()
    {
        var compilation = Sources();
        var first = GeneratorHarness.Run(compilation, SpecA, SpecB);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "/repo/Models/TinyNet.cs");
        var newTree = CSharpSyntaxTree.ParseText(TestSpecs.AttributeStandalone.Replace("SeRatio = 0.25", "SeRatio = 0.125"),
            GeneratorHarness.ParseOptions, oldTree.FilePath);
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(oldTree, newTree));

        var variants = StepAssert.Outputs(second.Result, TrackingNames.AttributeVariants).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, variants.Single(v => ((VariantSource)v.Value).Plan.Name == "TinyNet").Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, variants.Single(v => ((VariantSource)v.Value).Plan.Name == "SiluF0").Reason);
        Assert.All(StepAssert.Outputs(second.Result, TrackingNames.CompiledSpecs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static IncrementalStepRunReason ReasonFor(System.Collections.Generic.List<(object Value, IncrementalStepRunReason Reason)> outputs, string variant) =>
        outputs.Single(o => ((CompiledSpec)o.Value).Variants.Any(v => v.Plan.Name == variant)).Reason;
}
