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
        // Two files each defining "F0" would give NfnetZoo.Create two arms for one name, which cannot compile.
        foreach (var clash in all.GroupBy(v => v.Plan.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var places = clash.Select(v => v.OriginPath).Distinct().ToList();
            foreach (var variant in clash.Skip(1))
                diagnostics.Add(DiagnosticInfo.Of(DiagnosticCatalog.DuplicateVariant,
                    $"variant '{clash.Key}' is defined more than once in this project ({string.Join(", ", places)}); NfnetZoo needs unique names",
                    LocationInfo.StartOf(variant.Plan.SourcePath)));
        }
        return new ZooModel(all.Select(v => v.Plan).ToEquatableArray(), input.Namespace.Namespace ?? "", diagnostics.ToEquatableArray());
    }
}
