using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Generators.Models;

namespace Nfnet.Generators;

/// <summary>
/// Gathers every variant of the compilation for NfnetZoo. Collect() gives an ImmutableArray, which compares by
/// reference; the EquatableArray in <see cref="ZooModel"/> lets an unchanged set of plans stop the zoo from being rewritten.
/// </summary>
internal static class ZooPlans
{
    public static ZooModel Gather(
        ((ImmutableArray<VariantSource> Specs, ImmutableArray<VariantSource> Attributes) Variants, ZooNamespace.Choice Namespace) input,
        CancellationToken _)
    {
        var all = input.Variants.Specs.Concat(input.Variants.Attributes).ToList();
        var diagnostics = new List<DiagnosticInfo>();
        // Reported only when there is a zoo to place: a project without variants does not care where it would go.
        if (input.Namespace.Problem is { } problem && all.Count > 0)
            diagnostics.Add(problem);
        var clashes = new List<ZooClash>();
        // Two files each defining "F0" would give NfnetZoo.Create two arms for one name, which cannot compile.
        foreach (var clash in all.GroupBy(v => v.Plan.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var places = string.Join(", ", clash.Select(v => v.OriginPath).Distinct());
            foreach (var variant in clash.Skip(1))
                clashes.Add(new ZooClash(clash.Key, variant.Plan.SourcePath, places));
        }
        // Two differently named variants of two files generating one class would define it twice (CS0101).
        foreach (var clash in all.GroupBy(v => v.Plan.Namespace + "." + v.Plan.ClassName, StringComparer.Ordinal)
                     .Where(g => g.Select(v => v.Plan.Name).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var places = string.Join(", ", clash.Select(v => $"'{v.Plan.Name}' in {v.OriginPath}").Distinct());
            foreach (var variant in clash.Skip(1))
                clashes.Add(new ZooClash(variant.Plan.Name, variant.Plan.SourcePath, places, clash.Key));
        }
        return new ZooModel(all.Select(v => v.Plan).ToEquatableArray(), input.Namespace.Namespace ?? "", diagnostics.ToEquatableArray(), clashes.ToEquatableArray());
    }

    /// <summary>
    /// The stubs to write: not for a class another spec really generates (that would be CS0101), and one per class.
    /// </summary>
    public static EquatableArray<StubSource> Stubs(((ImmutableArray<StubSource> Specs, ImmutableArray<StubSource> Attributes) Stubs, ZooModel Zoo) input, CancellationToken _)
    {
        var generated = new HashSet<string>(input.Zoo.Plans.Select(p => p.Namespace + "." + p.ClassName), StringComparer.Ordinal);
        return input.Stubs.Specs.Concat(input.Stubs.Attributes)
            .Where(s => generated.Add(s.Stub.Namespace + "." + s.Stub.ClassName))
            .ToEquatableArray();
    }

    /// <summary>NFN010 for each clash, at the variant's name in its file (the file's start if the name is not found).</summary>
    public static EquatableArray<DiagnosticInfo> Report((EquatableArray<ZooClash> Clashes, EquatableArray<VariantName> Names) input, CancellationToken _)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var clash in input.Clashes)
        {
            var name = input.Names.FirstOrDefault(n => n.Name == clash.Name && n.SourcePath == clash.SourcePath);
            var at = name?.Location ?? LocationInfo.StartOf(clash.SourcePath);
            diagnostics.Add(clash.ClassName is { } type
                ? DiagnosticInfo.Of(DiagnosticCatalog.DuplicateClassName,
                    $"variants {clash.Places} all generate class '{type}'; give one of them another className", at)
                : DiagnosticInfo.Of(DiagnosticCatalog.DuplicateVariant,
                    $"variant '{clash.Name}' is defined more than once in this project ({clash.Places}); NfnetZoo needs unique names", at));
        }
        return diagnostics.ToEquatableArray();
    }
}
