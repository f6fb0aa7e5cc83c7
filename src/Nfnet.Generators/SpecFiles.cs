using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Nfnet.Dsl;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Emit;
using Nfnet.Generators.Models;

namespace Nfnet.Generators;

/// <summary>The YAML half of the pipeline: pick the spec files, read them, compile them.</summary>
internal static class SpecFiles
{
    public static bool IsSpec(AdditionalText file) =>
        file.Path.EndsWith(HintNames.SpecExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The text only, as a string: an AdditionalText or SourceText would compare by reference.</summary>
    public static SpecText Read(AdditionalText file, CancellationToken cancellationToken) =>
        new(RelativePaths.Normalize(file.Path), file.GetText(cancellationToken)?.ToString());

    public static SpecInput WithRelativePath((SpecText Spec, string Root) input, CancellationToken _) =>
        new(input.Spec.Path, RelativePaths.Of(input.Spec.Path, input.Root), input.Spec.Text);

    /// <summary>Where each variant's name is written; a step of its own, so moving a name re-emits nothing.</summary>
    public static EquatableArray<VariantName> Names(SpecInput input, CancellationToken _) =>
        input.Text is null
            ? EquatableArray<VariantName>.Empty
            : SpecCompiler.VariantNames(input.Path, input.Text)
                .Select(n => new VariantName(n.Key, input.Path, LocationInfo.From(n.Value)))
                .ToEquatableArray();

    public static CompiledSpec Compile(SpecInput input, CancellationToken cancellationToken)
    {
        if (input.Text is null)
            return CompiledSpec.Failed(DiagnosticInfo.Of(DiagnosticCatalog.InternalError,
                $"cannot read spec '{input.RelativePath}'", LocationInfo.StartOf(input.Path)));
        try
        {
            // Compiled under the real path so every diagnostic points at the file MSBuild and the IDE know.
            var compilation = SpecCompiler.Compile(input.Path, input.Text, cancellationToken);
            return new CompiledSpec(
                compilation.Plans.Select(p => new VariantSource(p, input.RelativePath, HintName: null, IsInternal: false)).ToEquatableArray(),
                compilation.Diagnostics.Select(DiagnosticInfo.From).ToEquatableArray(),
                compilation.Stubs.Select(s => new StubSource(s, input.RelativePath, ModelEmitter.StubHintName(input.RelativePath, s.ClassName), CompletesUserClass: false)).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CompiledSpec.Failed(GeneratorFailure.At(LocationInfo.StartOf(input.Path), e));
        }
    }
}
