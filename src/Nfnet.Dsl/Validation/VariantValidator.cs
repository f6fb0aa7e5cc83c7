using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Validation;

/// <summary>Checks one variant's settings; reports every problem, not just the first, skipping values that could not be read.</summary>
public static class VariantValidator
{
    public static void Validate(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        void Error(DiagnosticKind kind, SourceSpan span, string message) => diagnostics.Add(kind.At(span, message));
        var variant = s.Name.Value;

        if (!IdentifierRules.IsVariantName(variant))
            Error(DiagnosticCatalog.InvalidName, s.Name.Span,
                $"variant name '{variant}' must be ASCII letters, digits and '_', optionally ending in a single '+', so it can become a C# class name");
        else if (!IdentifierRules.IsIdentifier(s.ClassName.Value))
            Error(DiagnosticCatalog.InvalidName, s.ClassName.Span, $"class name '{s.ClassName.Value}' of variant '{variant}' is not a valid C# identifier");
        if (!IdentifierRules.IsSafeText(s.Description.Value))
            Error(DiagnosticCatalog.InvalidText, s.Description.Span,
                $"the description of '{variant}' must be one line of at most {Limits.MaxTextLength} printable characters (no control, bidi or zero-width characters)");

        if (s.StageCount > Limits.MaxStages)
            Error(DiagnosticCatalog.TooLarge, s.Width is { } widths ? widths[Limits.MaxStages].Span : s.SpanOf("width"), $"variant '{variant}' has {s.StageCount} stages; at most {Limits.MaxStages} are supported");
        var ranges = new RangeChecks(diagnostics);
        ranges.Integers(s.Width, 1, Limits.MaxChannels, "width", "channels");
        ranges.Integers(s.Depth, 1, Limits.MaxBlocks, "depth", "blocks");
        ranges.Integers(s.DepthMultiplier, 1, Limits.MaxDepthMultiplier, "depthMultiplier", "");
        ranges.Integers(s.GroupWidth, 0, Limits.MaxChannels, "groupWidth", "channels", zeroMeaning: " (0 means dense convs)");
        ranges.Integers(s.Stem, 1, Limits.MaxChannels, "stem", "channels");
        ranges.Integers(s.StemWidth, 1, Limits.MaxChannels, "stemWidth", "channels");
        ranges.Integers(s.FinalConvWidth, 0, Limits.MaxChannels, "finalConvWidth", "channels", zeroMeaning: " (0 means no final conv)");
        ranges.Integers(s.SeDivisor, 1, Limits.MaxChannels, "seDivisor", "channels");
        ranges.Integers(s.ChannelDivisor, 1, Limits.MaxChannels, "channelDivisor", "channels");
        ranges.Integers(s.EcaKernel, 1, Limits.MaxEcaKernel, "ecaKernel", "taps");
        ranges.Integers(s.TrainImageSize, 1, Limits.MaxImageSize, "trainImageSize", "pixels");
        ranges.Integers(s.TestImageSize, 1, Limits.MaxImageSize, "testImageSize", "pixels");
        ranges.Integers(s.NumClasses, 1, Limits.MaxClasses, "numClasses", "classes");
        if (s.EcaKernel is { Value: > 0 and <= Limits.MaxEcaKernel } kernel && kernel.Value % 2 == 0)
            Error(DiagnosticCatalog.OutOfRange, kernel.Span, $"'ecaKernel' must be odd so the conv across channels stays centred, not {kernel.Value}");

        foreach (var stride in s.Stride ?? [])
        {
            if (stride.Value <= 0)
                Error(DiagnosticCatalog.NotPositive, stride.Span, $"'stride' must be positive, not {stride.Value}");
            else if (stride.Value > 2)
                Error(DiagnosticCatalog.OutOfRange, stride.Span, $"'stride' must be 1 or 2 (the shortcut's 2×2 average pool halves the resolution), not {stride.Value}");
        }
        if (s.StemType?.Value == "explicit" && s.Stem is { } stem)
        {
            if (stem.Count == 0)
                Error(DiagnosticCatalog.OutOfRange, s.StemSpan, "'stem' needs at least one conv width");
            else if (stem.Count > Limits.MaxStemConvs)
                Error(DiagnosticCatalog.OutOfRange, s.StemSpan, $"'stem' has {stem.Count} convs; at most {Limits.MaxStemConvs} are supported");
        }

        if (s.Depth is { } depth && s.DepthMultiplier is { } multiplier)
        {
            var totalBlocks = depth.Where(d => d.Value > 0).Sum(d => System.Math.Min(d.Value, Limits.MaxBlocks)) * System.Math.Max(1, System.Math.Min(multiplier.Value, Limits.MaxDepthMultiplier));
            if (totalBlocks > Limits.MaxBlocks)
                Error(DiagnosticCatalog.TooLarge, multiplier.Value > 1 ? multiplier.Span : depth[0].Span,
                    $"variant '{variant}' would have {totalBlocks} blocks; at most {Limits.MaxBlocks} are supported");
        }

        ranges.Open(s.Alpha, 0, 1, "alpha");
        ranges.HalfOpen(s.DropRate, "dropRate");
        ranges.HalfOpen(s.StochasticDepthRate, "stochasticDepthRate");
        ranges.Open(s.FinalConvMultiplier, 0, Limits.MaxFinalConvMultiplier, "finalConvMultiplier");
        ranges.Open(s.Expansion, 0, Limits.MaxExpansion, "expansion");
        ranges.Open(s.FirstBlockExpansion, 0, Limits.MaxExpansion, "firstBlockExpansion");
        ranges.Open(s.SeRatio, 0, 1, "seRatio");
        ranges.Open(s.AttentionGain, 0, Limits.MaxAttentionGain, "attentionGain");
        ranges.Open(s.WidthFactor, 0, Limits.MaxWidthFactor, "widthFactor");
        ranges.Open(s.CropPct, 0, 1, "preprocess.cropPct");
        CheckChannels(s.Mean, s.SpanOf("preprocess.mean"), "preprocess.mean", v => v is >= 0 and <= 1, "in [0, 1]", diagnostics);
        CheckChannels(s.Std, s.SpanOf("preprocess.std"), "preprocess.std", v => v > 0, "positive", diagnostics);

        SettingConflicts.Check(s, diagnostics);
        DerivedWidthChecks.Check(s, diagnostics);
    }

    /// <summary>One value per RGB channel, each in range.</summary>
    private static void CheckChannels(IReadOnlyList<Located<double>>? values, SourceSpan span, string key, System.Func<double, bool> valid, string range, List<SpecDiagnostic> diagnostics)
    {
        if (values is null)
            return;
        if (values.Count != 3)
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(span, $"'{key}' needs one value per RGB channel (3), not {values.Count}"));
        foreach (var v in values.Where(v => !valid(v.Value)))
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(v.Span, $"'{key}' values must be {range}, not {Format(v.Value)}"));
    }

    internal static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class RangeChecks(List<SpecDiagnostic> diagnostics)
    {
        public void Integers(Located<long>? value, long min, long max, string key, string unit, string zeroMeaning = "")
        {
            if (value is { } v)
                Integers([v], min, max, key, unit, zeroMeaning);
        }

        public void Integers(IEnumerable<Located<long>>? values, long min, long max, string key, string unit, string zeroMeaning = "")
        {
            foreach (var v in values ?? [])
            {
                if (v.Value < min)
                    diagnostics.Add(DiagnosticCatalog.NotPositive.At(v.Span,
                        min == 0 ? $"'{key}' must not be negative, not {v.Value}{zeroMeaning}" : $"'{key}' must be positive, not {v.Value}"));
                else if (v.Value > max)
                    diagnostics.Add(DiagnosticCatalog.TooLarge.At(v.Span, $"'{key}' is {v.Value}; at most {max}{(unit.Length > 0 ? " " + unit : "")} are supported"));
            }
        }

        /// <summary>(min, max]: strictly above the minimum, up to and including the maximum.</summary>
        public void Open(Located<double>? value, double min, double max, string key)
        {
            if (value is { } v)
                Open([v], min, max, key);
        }

        public void Open(IEnumerable<Located<double>>? values, double min, double max, string key)
        {
            foreach (var v in values ?? [])
                if (!(v.Value > min && v.Value <= max))
                    diagnostics.Add(DiagnosticCatalog.OutOfRange.At(v.Span, $"'{key}' must be in ({Format(min)}, {Format(max)}], not {Format(v.Value)}"));
        }

        /// <summary>Probabilities of dropping: 0 (off) up to, but not including, 1.</summary>
        public void HalfOpen(Located<double>? value, string key)
        {
            if (value is { } v && (v.Value < 0 || v.Value >= 1))
                diagnostics.Add(DiagnosticCatalog.OutOfRange.At(v.Span, $"'{key}' must be in [0, 1), not {Format(v.Value)}"));
        }
    }
}
