using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Dsl.Validation;

/// <summary>
/// Keys that are each valid but mean nothing together, reported at the key that does not apply (a setting that would
/// otherwise be silently ignored is a mistake the user should see).
/// </summary>
internal static class SettingConflicts
{
    public static void Check(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        void Conflict(string key, string message) => diagnostics.Add(DiagnosticCatalog.SettingConflict.At(s.SpanOf(key), message));

        if (s.StemType is { } stemType)
        {
            if (stemType.Value == "explicit" && s.IsSet("stemWidth"))
                Conflict("stemWidth", "'stemWidth' sizes the timm stem types; the explicit stem lists its convs in 'stem' and ends at width[0] / 2");
            if (stemType.Value != "explicit" && s.IsSet("stem"))
                Conflict("stem", $"'stem' lists the explicit stem's convs; stemType '{stemType.Value}' derives its widths from 'stemWidth'");
        }

        if (s.Attention is { } attention)
        {
            bool Uses(string kind) => attention.Any(a => a.Value == kind);
            var kinds = string.Join(", ", attention.Select(a => a.Value).Distinct());
            foreach (var key in new[] { "seRatio", "seDivisor", "seActivation" })
                if (s.IsSet(key) && !Uses("se"))
                    Conflict(key, $"'{key}' configures squeeze-excite, but no stage uses 'se' (attention: {kinds})");
            if (s.IsSet("ecaKernel") && !Uses("eca"))
                Conflict("ecaKernel", $"'ecaKernel' configures ECA, but no stage uses 'eca' (attention: {kinds})");
            foreach (var key in new[] { "attentionPlace", "attentionGain" })
                if (s.IsSet(key) && attention.All(a => a.Value == "none"))
                    Conflict(key, $"'{key}' has no effect: every stage has attention 'none'");
        }

        if (s.Rounding?.Value == "deepmind")
        {
            foreach (var key in new[] { "channelDivisor", "seDivisor" })
                if (s.IsSet(key))
                    Conflict(key, $"'{key}' applies only with 'rounding: timm'; DeepMind's rounding truncates");
        }
    }
}
