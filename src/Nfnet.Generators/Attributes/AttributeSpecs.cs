using System;
using System.Linq;
using System.Threading;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;
using Nfnet.Generators.Models;

namespace Nfnet.Generators.Attributes;

/// <summary>Compiles an extracted [NfnetModel] class with Nfnet.Dsl into the variant to emit.</summary>
internal static class AttributeSpecs
{
    public static CompiledSpec Compile((AttributeExtraction Extraction, string Root) input, CancellationToken cancellationToken)
    {
        var (extraction, root) = input;
        if (extraction.Spec is not { } spec)
            return new CompiledSpec(EquatableArray<VariantSource>.Empty, extraction.Diagnostics);
        try
        {
            var compilation = AttributeSpecCompiler.Compile(spec, cancellationToken);
            var origin = RelativePaths.Of(spec.FilePath, root);
            var variants = compilation.Plans.Select(p =>
                new VariantSource(p, origin, HintName(spec), extraction.IsInternal));
            var stubs = compilation.Stubs.Select(s => new StubSource(s, origin, HintName(spec).Replace(".g.cs", ".stub.g.cs"), CompletesUserClass: true));
            return new CompiledSpec(
                variants.ToEquatableArray(),
                extraction.Diagnostics.Concat(compilation.Diagnostics.Select(DiagnosticInfo.From)).ToEquatableArray(),
                stubs.ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CompiledSpec.Failed(GeneratorFailure.At(LocationInfo.From(spec.AttributeSpan), e));
        }
    }

    /// <summary>The class's identifier, where a variant-wide problem found outside this class is reported.</summary>
    public static EquatableArray<VariantName> Names(AttributeExtraction extraction, CancellationToken _) =>
        extraction.Spec is { } spec
            ? new EquatableArray<VariantName>([new VariantName(spec.ClassName, spec.FilePath, LocationInfo.From(spec.ClassSpan))])
            : EquatableArray<VariantName>.Empty;

    /// <summary>"{Namespace}.{Class}.g.cs": a class's full name is unique in a compilation, so the hint name is too.</summary>
    public static string HintName(AttributeSpec spec) => $"{spec.Namespace}.{spec.ClassName}.g.cs";
}
