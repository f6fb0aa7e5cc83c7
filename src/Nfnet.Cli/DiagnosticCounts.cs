using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl;

namespace Nfnet.Cli;

/// <summary>Totals over several compilations, for the one-line summaries commands print (notes are printed, not counted).</summary>
public sealed record DiagnosticCounts(int Files, int Variants, int Errors, int Warnings)
{
    public static DiagnosticCounts Of(IReadOnlyList<SpecCompilation> compilations) => new(
        compilations.Count,
        compilations.Sum(c => c.Plans.Count),
        compilations.Sum(c => c.Diagnostics.Count(d => d.IsError)),
        compilations.Sum(c => c.Diagnostics.Count(d => d.Severity == Dsl.Diagnostics.Severity.Warning)));

    /// <summary>e.g. "1 file, 16 variants, 0 errors, 0 warnings".</summary>
    public override string ToString() =>
        $"{Count(Files, "file")}, {Count(Variants, "variant")}, {Count(Errors, "error")}, {Count(Warnings, "warning")}";

    private static string Count(int n, string noun) =>
        n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
