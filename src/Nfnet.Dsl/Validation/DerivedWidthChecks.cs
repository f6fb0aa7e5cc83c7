using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Dsl.Validation;

/// <summary>
/// The widths only the rounding rules show to be impossible (a stem conv of no channels, a bottleneck less than one
/// group, groups that do not divide timm's rounded mid width, a final conv rounded to nothing), checked with the very
/// functions the plan builder uses, wherever the values they need could be read, so they are reported together with
/// every other mistake rather than after those are fixed.
/// </summary>
internal static class DerivedWidthChecks
{
    public static void Check(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        if (s.Width is not { } widths || s.Rounding is null || s.ChannelDivisor is not { Value: > 0 and <= Limits.MaxChannels }
            || s.WidthFactor is not { Value: > 0 and <= Limits.MaxWidthFactor } || widths.Any(w => w.Value is < 1 or > Limits.MaxChannels))
            return; // the ranges are already reported
        var rules = PlanBuilder.RulesOf(s);
        var stageWidths = widths.Select(w => rules.Round(w.Value)).ToList();
        var stemOut = CheckStem(s, rules, stageWidths[0], diagnostics);
        if (s.FinalConvMultiplier is { Value: > 0 } multiplier && (s.FinalConvWidth is null || s.FinalConvWidth.Value.Value >= 0))
            CheckFinalConv(s, rules, multiplier.Value, stageWidths, diagnostics);
        if (stemOut is not { } inChannels || s.GroupWidth is not { } groupWidths || s.Expansion is not { } expansions || s.Block is null)
            return;

        var regnet = s.Block.Value.Value == "regnet";
        for (var stage = 0; stage < stageWidths.Count; stage++)
        {
            var groupWidth = groupWidths[stage].Value;
            var expansion = expansions[stage].Value;
            if (groupWidth is < 0 or > Limits.MaxChannels || expansion is <= 0 or > Limits.MaxExpansion)
                continue;
            // The stage's first block (the network's very first may have its own ratio), then the others (input = output).
            var firstRatio = stage == 0 && s.FirstBlockExpansion is { Value: > 0 and <= Limits.MaxExpansion } first ? first.Value : expansion;
            var candidates = new List<(int Base, double Ratio)> { (regnet ? inChannels : stageWidths[stage], firstRatio) };
            if (s.Depth is { } depth && s.DepthMultiplier is { } m && depth[stage].Value * m.Value > 1)
                candidates.Add((stageWidths[stage], expansion));
            foreach (var (baseWidth, ratio) in candidates)
            {
                var (mid, groups, problem) = rules.MidAndGroups(baseWidth, ratio, (int)groupWidth);
                if (problem == GroupProblem.None)
                    continue;
                diagnostics.Add(Report(s, stage, rules, baseWidth, ratio, (int)groupWidth, mid, groups, problem));
                break; // one report per stage
            }
            inChannels = stageWidths[stage];
        }
    }

    /// <summary>Checks the stem's conv widths; returns its output width, or null when it could not be computed.</summary>
    private static int? CheckStem(VariantSettings s, WidthRules rules, int firstStageWidth, List<SpecDiagnostic> diagnostics)
    {
        if (s.StemType is not { } type || s.Stem is not { } explicitWidths || explicitWidths.Any(w => w.Value is < 1 or > Limits.MaxChannels)
            || s.StemWidth is { Value: < 1 or > Limits.MaxChannels })
            return null;
        var convs = WidthRules.StemConvs(type.Value, explicitWidths.Select(w => w.Value).ToList(), firstStageWidth, rules.Round(s.StemWidth?.Value ?? s.Width![0].Value));
        if (convs.All(c => c.Width >= 1))
            return convs[convs.Count - 1].Width;
        var blame = type.Value != "explicit" && s.IsSet("stemWidth") ? s.SpanOf("stemWidth") : s.Width![0].Span;
        var why = type.Value == "explicit" ? $"; its last conv has width[0] / 2 = {firstStageWidth / 2} channels" : "";
        diagnostics.Add(DiagnosticCatalog.NotPositive.At(blame,
            $"the {type.Value} stem's convs would have {string.Join("/", convs.Select(c => c.Width))} channels{why}; every conv needs at least one"));
        return null;
    }

    private static void CheckFinalConv(VariantSettings s, WidthRules rules, double multiplier, IReadOnlyList<int> stageWidths, List<SpecDiagnostic> diagnostics)
    {
        var last = stageWidths[stageWidths.Count - 1];
        var width = rules.FinalConv(s.FinalConvWidth?.Value, multiplier, s.Width![s.Width.Count - 1].Value, last);
        if (width >= 1 || s.FinalConvWidth is { Value: 0 })
            return;
        diagnostics.Add(DiagnosticCatalog.NotPositive.At(s.SpanOf(s.FinalConvWidth is null ? "finalConvMultiplier" : "finalConvWidth"),
            $"int({VariantValidator.Format(multiplier)} × {last}) leaves the final conv with no channels"));
    }

    private static SpecDiagnostic Report(VariantSettings s, int stage, WidthRules rules, int baseWidth, double ratio, int groupWidth, int mid, int groups, GroupProblem problem)
    {
        var product = $"{(rules.Timm ? "make_divisible" : "int")}({baseWidth} × {VariantValidator.Format(ratio)})";
        return problem switch
        {
            GroupProblem.NoChannels => DiagnosticCatalog.ZeroGroups.At(s.Width![stage].Span,
                $"stage {stage}: {product} leaves the block with no mid channels; widen the stage or raise 'expansion'"),
            GroupProblem.ZeroGroups => DiagnosticCatalog.ZeroGroups.At(s.Width![stage].Span,
                $"stage {stage}: {product} = {mid} channels is less than one group of {groupWidth}; widen the stage, raise 'expansion' or lower 'groupWidth'"),
            _ => DiagnosticCatalog.GroupsDoNotDivide.At(s.GroupWidth![stage].Span,
                $"stage {stage}: the mid width rounds to {mid} channels, which {groups} groups of width {groupWidth} do not divide "
                + $"(timm keeps the rounded width when the group width is not a multiple of channelDivisor {rules.Divisor}); use a group width that divides {mid}"),
        };
    }
}
