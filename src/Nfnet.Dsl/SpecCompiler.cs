using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Syntax;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl;

/// <summary>What compiling one spec file gives: a plan per valid concrete variant, and every diagnostic.</summary>
public sealed record SpecCompilation(string Path, EquatableArray<ModelPlan> Plans, EquatableArray<SpecDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The compiler core's front door: parse → bind → resolve inheritance → validate → lower.
/// Never throws on any input; an unexpected failure becomes diagnostic NFN999.
/// </summary>
public static class SpecCompiler
{
    public static SpecCompilation Compile(string path, string text, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var plans = new List<ModelPlan>();
        try
        {
            var root = YamlReader.Read(path, text, diagnostics);
            cancellationToken.ThrowIfCancellationRequested();
            var file = SpecBinder.Bind(path, root, diagnostics);
            plans.AddRange(Lower(file, diagnostics, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.StartOf(path),
                $"internal compiler error ({e.GetType().Name}: {e.Message}); please report it with this spec"));
        }
        return new SpecCompilation(path, plans.ToEquatableArray(), Order(diagnostics).ToEquatableArray());
    }

    /// <summary>Resolves, validates and lowers every concrete variant of a bound file.</summary>
    public static IReadOnlyList<ModelPlan> Lower(SpecFile file, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        if (file.NamespaceValue is { } ns && !IdentifierRules.IsNamespace(ns.Value))
            diagnostics.Add(DiagnosticCatalog.InvalidNamespace.At(ns.Span, $"namespace '{ns.Value}' is not a dotted list of C# identifiers"));
        if (file.ClassPrefixValue is { } prefix && prefix.Value.Length > 0 && !IdentifierRules.IsIdentifier(prefix.Value))
            diagnostics.Add(DiagnosticCatalog.InvalidName.At(prefix.Span, $"class prefix '{prefix.Value}' is not a valid C# identifier"));

        var plans = new List<ModelPlan>();
        var reported = new HashSet<SpecDiagnostic>(diagnostics);
        var classes = new Dictionary<string, VariantSettings>(StringComparer.Ordinal);
        foreach (var variant in InheritanceResolver.Resolve(file, diagnostics))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (variant.Decl.IsAbstract)
                continue;
            var variantDiagnostics = new List<SpecDiagnostic>();
            var settings = VariantSettings.Read(variant, file, variantDiagnostics);
            if (settings is not null)
            {
                VariantValidator.Validate(settings, variantDiagnostics);
                if (classes.TryGetValue(settings.ClassName.Value, out var other))
                    variantDiagnostics.Add(DiagnosticCatalog.DuplicateClassName.At(settings.ClassName.Span,
                        $"variants '{other.Name.Value}' and '{settings.Name.Value}' both generate class '{settings.ClassName.Value}'"));
                else
                    classes.Add(settings.ClassName.Value, settings);
            }
            if (settings is not null && !variantDiagnostics.Any(d => d.IsError) && PlanBuilder.Build(settings, file.Path, variantDiagnostics) is { } plan)
                plans.Add(plan);
            // A base's mistake shows once per variant using it; report each span once.
            foreach (var d in variantDiagnostics)
                if (reported.Add(d))
                    diagnostics.Add(d);
        }
        return plans;
    }

    private static IEnumerable<SpecDiagnostic> Order(IEnumerable<SpecDiagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal);
}
