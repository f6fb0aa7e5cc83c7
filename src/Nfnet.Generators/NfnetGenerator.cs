using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;
using Nfnet.Generators.Attributes;

namespace Nfnet.Generators;

/// <summary>
/// Turns *.nfnet.yaml additional files and [NfnetModel] partial classes into TorchSharp models, one file per variant,
/// plus the NfnetZoo registry. The pipeline carries only value-equatable records (no symbols, syntax or locations),
/// so an edit regenerates only what it changes; every step has a name in <see cref="TrackingNames"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NfnetGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(Outputs.AddAttribute);

        var specRoot = context.AnalyzerConfigOptionsProvider
            .Select(SpecRoot.Read)
            .WithTrackingName(TrackingNames.SpecRoot);

        var specInputs = context.AdditionalTextsProvider
            .Where(SpecFiles.IsSpec)
            .Select(SpecFiles.Read)
            .WithTrackingName(TrackingNames.SpecTexts)
            .Combine(specRoot)
            .Select(SpecFiles.WithRelativePath)
            .WithTrackingName(TrackingNames.SpecInputs);
        var specs = specInputs
            .Select(SpecFiles.Compile)
            .WithTrackingName(TrackingNames.CompiledSpecs);

        var attributeExtractions = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeProperties.AttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                AttributeSpecReader.Read)
            .WithTrackingName(TrackingNames.AttributeSpecs);
        var attributeSpecs = attributeExtractions
            .Combine(specRoot)
            .Select(AttributeSpecs.Compile)
            .WithTrackingName(TrackingNames.CompiledAttributeSpecs);

        var specVariants = specs
            .SelectMany(static (spec, _) => spec.Variants)
            .WithTrackingName(TrackingNames.SpecVariants);
        var attributeVariants = attributeSpecs
            .SelectMany(static (spec, _) => spec.Variants)
            .WithTrackingName(TrackingNames.AttributeVariants);

        context.RegisterSourceOutput(specVariants, Outputs.AddVariant);
        context.RegisterSourceOutput(attributeVariants, Outputs.AddVariant);

        // Diagnostics have outputs of their own: an edit that changes only a message does not re-emit any source.
        context.RegisterSourceOutput(
            specs.Select(static (spec, _) => spec.Diagnostics).WithTrackingName(TrackingNames.SpecDiagnostics),
            Outputs.Report);
        // Attribute specs' diagnostics are NfnetModelAnalyzer's: it reports the same ones at their source locations.

        var zooNamespace = context.AnalyzerConfigOptionsProvider
            .Select(ZooNamespace.Read)
            .WithTrackingName(TrackingNames.ZooNamespace);
        var zoo = specVariants.Collect()
            .Combine(attributeVariants.Collect())
            .Combine(zooNamespace)
            .Select(ZooPlans.Gather)
            .WithTrackingName(TrackingNames.Zoo);
        context.RegisterSourceOutput(zoo, Outputs.AddZoo);

        // A spec with errors still gives its classes a marked stub, so user code fails with NFN errors, not CS0246.
        var stubs = specs.SelectMany(static (spec, _) => spec.Stubs).Collect()
            .Combine(attributeSpecs.SelectMany(static (spec, _) => spec.Stubs).Collect())
            .Combine(zoo)
            .Select(ZooPlans.Stubs)
            .WithTrackingName(TrackingNames.Stubs)
            .SelectMany(static (all, _) => all);
        context.RegisterSourceOutput(stubs, Outputs.AddStub);

        // Names and their locations only feed the clash diagnostics: an edit that moves a name rewrites no source.
        var names = specInputs.Select(SpecFiles.Names).SelectMany(static (n, _) => n)
            .Collect()
            .Combine(attributeExtractions.Select(AttributeSpecs.Names).SelectMany(static (n, _) => n).Collect())
            .Select(static (both, _) => both.Left.AddRange(both.Right).ToEquatableArray())
            .WithTrackingName(TrackingNames.VariantNames);
        var clashes = zoo.Select(static (z, _) => z.Clashes)
            .Combine(names)
            .Select(ZooPlans.Report)
            .WithTrackingName(TrackingNames.ZooClashes);
        context.RegisterSourceOutput(clashes, Outputs.Report);
    }
}
