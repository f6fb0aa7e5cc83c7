using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Analysis.Diff;

public enum VariantChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>A fact whose value differs; a side that lacks the fact (a stage that is not there) reads "—".</summary>
public sealed record FactChange(string Key, string Old, string New);

/// <summary>One variant that was added, removed or changed, with its headline numbers on each side (MACs at that side's test size).</summary>
public sealed record VariantChange(string Name, VariantChangeKind Kind, ModelPlan? Old, ModelPlan? New, IReadOnlyList<FactChange> Changes)
{
    public long? OldParameters => Old?.ParameterCount;

    public long? NewParameters => New?.ParameterCount;

    public long? OldMacs => Old?.MacsAtTestSize;

    public long? NewMacs => New?.MacsAtTestSize;
}

/// <summary>What a spec change does to its variants, matched by name.</summary>
/// <param name="Variants">Added ones in the new spec's order, then removed ones in the old spec's order, then changed ones in the new order.</param>
public sealed record SpecDiffResult(IReadOnlyList<VariantChange> Variants, int Unchanged)
{
    public int Count(VariantChangeKind kind) => Variants.Count(v => v.Kind == kind);

    /// <summary>"1 added, 0 removed, 2 changed, 13 unchanged".</summary>
    public string Headline =>
        $"{Count(VariantChangeKind.Added)} added, {Count(VariantChangeKind.Removed)} removed, {Count(VariantChangeKind.Changed)} changed, {Unchanged} unchanged";
}

/// <summary>Compares two sets of plans (two versions of a spec file or folder) variant by variant.</summary>
public static class SpecDiff
{
    /// <summary>The fact a plan difference is reported under when none of <see cref="PlanFacts"/> differs (a block constant, say).</summary>
    public const string OtherDetails = "other plan details";

    /// <summary>
    /// Variants are matched by name (a renamed variant is one removed and one added). Where the source file is the only
    /// difference, the variant is unchanged: moving a spec is no change to its models. Names must be unique on each side.
    /// </summary>
    public static SpecDiffResult Compare(IReadOnlyList<ModelPlan> oldPlans, IReadOnlyList<ModelPlan> newPlans)
    {
        ArgumentNullException.ThrowIfNull(oldPlans);
        ArgumentNullException.ThrowIfNull(newPlans);
        var olds = ByName(oldPlans, inOld: true);
        var news = ByName(newPlans, inOld: false);

        var added = newPlans.Where(p => !olds.ContainsKey(p.Name)).Select(p => new VariantChange(p.Name, VariantChangeKind.Added, null, p, []));
        var removed = oldPlans.Where(p => !news.ContainsKey(p.Name)).Select(p => new VariantChange(p.Name, VariantChangeKind.Removed, p, null, []));
        var changed = new List<VariantChange>();
        int unchanged = 0;
        foreach (var plan in newPlans.Where(p => olds.ContainsKey(p.Name)))
        {
            var old = olds[plan.Name];
            if (old with { SourcePath = "" } == plan with { SourcePath = "" })
            {
                unchanged++;
                continue;
            }
            var changes = Changes(PlanFacts.Of(old), PlanFacts.Of(plan));
            if (changes.Count == 0) changes.Add(new FactChange(OtherDetails, "", "differ"));
            changed.Add(new VariantChange(plan.Name, VariantChangeKind.Changed, old, plan, changes));
        }
        return new SpecDiffResult(added.Concat(removed).Concat(changed).ToList(), unchanged);
    }

    private static Dictionary<string, ModelPlan> ByName(IReadOnlyList<ModelPlan> plans, bool inOld)
    {
        var byName = new Dictionary<string, ModelPlan>(StringComparer.Ordinal);
        foreach (var plan in plans)
            if (!byName.TryAdd(plan.Name, plan))
                throw new DuplicateVariantException(inOld, $"variant '{plan.Name}' is defined more than once ({byName[plan.Name].SourcePath}, {plan.SourcePath})");
        return byName;
    }

    private static List<FactChange> Changes(IReadOnlyList<PlanFact> old, IReadOnlyList<PlanFact> @new)
    {
        var oldValues = old.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var newValues = @new.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        // The new side's order, then facts only the old side has (a stage that was removed).
        var keys = @new.Select(f => f.Key).Concat(old.Select(f => f.Key).Where(k => !newValues.ContainsKey(k)));
        return keys
            .Select(k => new FactChange(k, oldValues.GetValueOrDefault(k) ?? "—", newValues.GetValueOrDefault(k) ?? "—"))
            .Where(c => c.Old != c.New)
            .ToList();
    }
}

/// <summary>One side of a diff defines a variant name twice, so its variants cannot be matched.</summary>
/// <param name="InOld">Whether the old side (rather than the new) has the duplicate.</param>
public sealed class DuplicateVariantException(bool inOld, string message) : Exception(message)
{
    public bool InOld { get; } = inOld;
}
