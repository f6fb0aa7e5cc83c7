using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl.Spec;

/// <summary>A variant with every inherited key merged in (its own keys win, then later bases over earlier ones).</summary>
public sealed record ResolvedVariant(VariantDecl Decl, IReadOnlyDictionary<string, SpecValue> Fields)
{
    public string Name => Decl.Name.Value;
}

/// <summary>Merges each variant with its bases, reporting unknown and cyclic bases where they are named.</summary>
public static class InheritanceResolver
{
    /// <param name="fallbackBases">Variants a base may name when the file does not define it (the shipped specs); the file's own win.</param>
    public static IReadOnlyList<ResolvedVariant> Resolve(SpecFile file, List<SpecDiagnostic> diagnostics, IReadOnlyList<VariantDecl>? fallbackBases = null)
    {
        var byName = new Dictionary<string, VariantDecl>(System.StringComparer.Ordinal);
        foreach (var variant in fallbackBases ?? [])
            byName[variant.Name.Value] = variant;
        foreach (var variant in file.Variants)
            byName[variant.Name.Value] = variant;

        var resolved = new Dictionary<string, IReadOnlyDictionary<string, SpecValue>?>(System.StringComparer.Ordinal);
        var inProgress = new List<string>();

        IReadOnlyDictionary<string, SpecValue>? ResolveOne(VariantDecl variant)
        {
            if (resolved.TryGetValue(variant.Name.Value, out var done))
                return done;
            inProgress.Add(variant.Name.Value);
            var merged = new Dictionary<string, SpecValue>(System.StringComparer.Ordinal);
            var ok = true;
            foreach (var baseName in variant.Bases)
            {
                if (!byName.TryGetValue(baseName.Value, out var baseDecl))
                {
                    diagnostics.Add(DiagnosticCatalog.UnknownBase.At(baseName.Span, UnknownBaseMessage(file, variant, baseName.Value, byName)));
                    ok = false;
                    continue;
                }
                var cycleStart = inProgress.IndexOf(baseName.Value);
                if (cycleStart >= 0)
                {
                    var path = string.Join(" → ", inProgress.Skip(cycleStart).Append(baseName.Value));
                    diagnostics.Add(DiagnosticCatalog.CyclicBase.At(baseName.Span, $"inheritance cycle: {path}"));
                    ok = false;
                    continue;
                }
                if (inProgress.Count > Limits.MaxInheritanceDepth)
                {
                    // Bounds the recursion: a generated chain of thousands of bases must not overflow the stack.
                    diagnostics.Add(DiagnosticCatalog.TooLarge.At(baseName.Span,
                        $"inheritance is nested more than {Limits.MaxInheritanceDepth} variants deep"));
                    ok = false;
                    continue;
                }
                var baseFields = ResolveOne(baseDecl);
                if (baseFields is null)
                {
                    ok = false;
                    continue;
                }
                foreach (var field in baseFields)
                    if (FieldCatalog.FindVariantField(field.Key.Split('.')[0])?.Inherited != false)
                        merged[field.Key] = field.Value;
            }
            foreach (var field in variant.Fields)
                merged[field.Key] = field.Value;
            inProgress.RemoveAt(inProgress.Count - 1);
            var result = ok ? merged : null;
            resolved[variant.Name.Value] = result;
            return result;
        }

        var variants = new List<ResolvedVariant>();
        foreach (var variant in file.Variants)
        {
            var fields = ResolveOne(variant);
            if (fields is not null)
                variants.Add(new ResolvedVariant(variant, fields));
        }
        return variants;
    }

    /// <summary>
    /// When every other variant comes from another file, they are the shipped F/F+ family an [NfnetModel]'s Base
    /// names (see AttributeSpecCompiler): "this file does not define" would send the user looking in their own file.
    /// </summary>
    private static string UnknownBaseMessage(SpecFile file, VariantDecl variant, string baseName, Dictionary<string, VariantDecl> byName)
    {
        var others = byName.Values.Where(v => v != variant).Select(v => v.Name.Value).ToList();
        var suggestion = Suggestions.Closest(baseName, others);
        var didYouMean = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        if (file.IsAttributeSpec)
            return $"'{variant.Name.Value}' has Base = \"{baseName}\", which is not a shipped variant{didYouMean} (docs/spec-language.md lists the shipped specs)";
        return $"variant '{variant.Name.Value}' inherits from '{baseName}', which neither this file nor the shipped specs define{didYouMean}";
    }
}
