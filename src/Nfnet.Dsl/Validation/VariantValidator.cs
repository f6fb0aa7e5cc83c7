using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Validation;

/// <summary>Checks one variant's settings; reports every problem, not just the first.</summary>
public static class VariantValidator
{
    public static void Validate(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        void Error(DiagnosticKind kind, SourceSpan span, string message) => diagnostics.Add(kind.At(span, message));
        var variant = s.Name.Value;

        if (!IdentifierRules.IsVariantName(variant))
            Error(DiagnosticCatalog.InvalidName, s.Name.Span,
                $"variant name '{variant}' must be ASCII letters, digits and '_', optionally ending in '+', so it can become a C# class name");
        else if (!IdentifierRules.IsIdentifier(s.ClassName.Value))
            Error(DiagnosticCatalog.InvalidName, s.ClassName.Span, $"class name '{s.ClassName.Value}' of variant '{variant}' is not a valid C# identifier");
        if (!IdentifierRules.IsSafeText(s.Description.Value))
            Error(DiagnosticCatalog.InvalidText, s.Description.Span,
                $"the description of '{variant}' must be one line of at most {Limits.MaxTextLength} printable characters (no control, bidi or zero-width characters)");

        if (s.StageCount > Limits.MaxStages)
            Error(DiagnosticCatalog.TooLarge, s.Width[Limits.MaxStages].Span,
                $"variant '{variant}' has {s.StageCount} stages; at most {Limits.MaxStages} are supported");
        CheckRange(s.Width, 1, Limits.MaxChannels, "width", "channels", diagnostics);
        CheckRange(s.Depth, 1, Limits.MaxBlocks, "depth", "blocks", diagnostics);
        CheckRange([s.DepthMultiplier], 1, Limits.MaxDepthMultiplier, "depthMultiplier", "", diagnostics);
        CheckRange(s.GroupWidth, 1, Limits.MaxChannels, "groupWidth", "channels", diagnostics);
        CheckRange(s.Stem, 1, Limits.MaxChannels, "stem", "channels", diagnostics);
        CheckRange([s.TrainImageSize], 1, Limits.MaxImageSize, "trainImageSize", "pixels", diagnostics);
        CheckRange([s.TestImageSize], 1, Limits.MaxImageSize, "testImageSize", "pixels", diagnostics);
        CheckRange([s.NumClasses], 1, Limits.MaxClasses, "numClasses", "classes", diagnostics);

        foreach (var stride in s.Stride)
        {
            if (stride.Value <= 0)
                Error(DiagnosticCatalog.NotPositive, stride.Span, $"'stride' must be positive, not {stride.Value}");
            else if (stride.Value > 2)
                Error(DiagnosticCatalog.OutOfRange, stride.Span, $"'stride' must be 1 or 2 (the shortcut's 2×2 average pool halves the resolution), not {stride.Value}");
        }
        if (s.Stem.Count == 0)
            Error(DiagnosticCatalog.OutOfRange, s.StemSpan, "'stem' needs at least one conv width");
        else if (s.Stem.Count > Limits.MaxStemConvs)
            Error(DiagnosticCatalog.OutOfRange, s.StemSpan, $"'stem' has {s.Stem.Count} convs; at most {Limits.MaxStemConvs} are supported");

        var totalBlocks = s.Depth.Where(d => d.Value > 0).Sum(d => System.Math.Min(d.Value, Limits.MaxBlocks)) * System.Math.Max(1, System.Math.Min(s.DepthMultiplier.Value, Limits.MaxDepthMultiplier));
        if (totalBlocks > Limits.MaxBlocks)
            Error(DiagnosticCatalog.TooLarge, s.DepthMultiplier.Value > 1 ? s.DepthMultiplier.Span : s.Depth[0].Span,
                $"variant '{variant}' would have {totalBlocks} blocks; at most {Limits.MaxBlocks} are supported");

        CheckOpenRange(s.Alpha, 0, 1, upperInclusive: true, "alpha", diagnostics);
        CheckHalfOpen(s.DropRate, "dropRate", diagnostics);
        CheckHalfOpen(s.StochasticDepthRate, "stochasticDepthRate", diagnostics);
        CheckOpenRange(s.FinalConvMultiplier, 0, Limits.MaxFinalConvMultiplier, upperInclusive: true, "finalConvMultiplier", diagnostics);
        foreach (var e in s.Expansion)
            CheckOpenRange(e, 0, Limits.MaxExpansion, upperInclusive: true, "expansion", diagnostics);
        foreach (var r in s.SeRatio)
            CheckOpenRange(r, 0, 1, upperInclusive: true, "seRatio", diagnostics);

        if (!ActivationGammas.All.ContainsKey(s.Activation.Value))
        {
            var suggestion = Suggestions.Closest(s.Activation.Value, ActivationGammas.Names);
            Error(DiagnosticCatalog.UnknownActivation, s.Activation.Span,
                $"activation '{s.Activation.Value}' has no known gamma" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")
                + $"; valid: {string.Join(", ", ActivationGammas.Names)}");
        }
        CheckChoice(s.WsEpsilon, "numerics.wsEpsilon", diagnostics);
        CheckChoice(s.Gelu, "numerics.gelu", diagnostics);
        CheckChoice(s.Padding, "numerics.padding", diagnostics);

        CheckGroups(s, diagnostics);
    }

    /// <summary>Block width = int(width × expansion) rounded down to whole groups; zero groups leaves no convolution.</summary>
    private static void CheckGroups(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        for (var i = 0; i < s.StageCount; i++)
        {
            var width = s.Width[i].Value;
            var groupWidth = s.GroupWidth[i].Value;
            var expansion = s.Expansion[i].Value;
            if (width <= 0 || width > Limits.MaxChannels || groupWidth <= 0 || expansion <= 0 || expansion > Limits.MaxExpansion)
                continue; // already reported
            var mid = (long)(width * expansion);
            if (mid / groupWidth == 0)
                diagnostics.Add(DiagnosticCatalog.ZeroGroups.At(s.Width[i].Span,
                    $"stage {i}: int({width} × {Format(expansion)}) = {mid} channels is less than one group of {groupWidth}; widen the stage, raise 'expansion' or lower 'groupWidth'"));
        }
        if (s.Width.Count > 0 && s.Width[0].Value is > 0 and < 2)
            diagnostics.Add(DiagnosticCatalog.NotPositive.At(s.Width[0].Span, "the stem's last conv has width[0] / 2 channels, so the first stage's width must be at least 2"));
        var last = s.Width.Count > 0 ? s.Width[s.Width.Count - 1].Value : 0;
        if (last > 0 && last <= Limits.MaxChannels && s.FinalConvMultiplier.Value > 0 && (long)(s.FinalConvMultiplier.Value * last) < 1)
            diagnostics.Add(DiagnosticCatalog.NotPositive.At(s.FinalConvMultiplier.Span,
                $"int({Format(s.FinalConvMultiplier.Value)} × {last}) leaves the final conv with no channels"));
    }

    private static void CheckRange(IEnumerable<Located<long>> values, long min, long max, string key, string unit, List<SpecDiagnostic> diagnostics)
    {
        foreach (var v in values)
        {
            if (v.Value < min)
                diagnostics.Add(DiagnosticCatalog.NotPositive.At(v.Span, $"'{key}' must be positive, not {v.Value}"));
            else if (v.Value > max)
                diagnostics.Add(DiagnosticCatalog.TooLarge.At(v.Span, $"'{key}' is {v.Value}; at most {max}{(unit.Length > 0 ? " " + unit : "")} are supported"));
        }
    }

    private static void CheckOpenRange(Located<double> v, double min, double max, bool upperInclusive, string key, List<SpecDiagnostic> diagnostics)
    {
        var ok = v.Value > min && (upperInclusive ? v.Value <= max : v.Value < max);
        if (!ok)
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(v.Span, $"'{key}' must be in ({Format(min)}, {Format(max)}{(upperInclusive ? "]" : ")")}, not {Format(v.Value)}"));
    }

    /// <summary>Probabilities of dropping: 0 (off) up to, but not including, 1.</summary>
    private static void CheckHalfOpen(Located<double> v, string key, List<SpecDiagnostic> diagnostics)
    {
        if (v.Value < 0 || v.Value >= 1)
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(v.Span, $"'{key}' must be in [0, 1), not {Format(v.Value)}"));
    }

    private static void CheckChoice(Located<string> v, string key, List<SpecDiagnostic> diagnostics)
    {
        var choices = FieldCatalog.NumericsFields.First(f => "numerics." + f.Key == key).Choices!;
        if (!choices.Contains(v.Value))
            diagnostics.Add(DiagnosticCatalog.InvalidChoice.At(v.Span, $"'{key}' must be one of {string.Join(", ", choices)}, not '{v.Value}'"));
    }

    internal static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
