using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Nfnet.Analysis.Spp;

/// <summary>Writes the SPP rows as CSV: invariant culture, round-trippable numbers, empty cells for NaN.</summary>
public static class SppCsv
{
    public const string Header =
        "index,stage,name,transition,dm_expected_variance,mean_field_variance,measured_variance,measured_mean_sq,branch_variance";

    public static void Write(TextWriter writer, IEnumerable<SignalRow> rows)
    {
        writer.WriteLine(Header);
        foreach (var r in rows)
            writer.WriteLine(string.Join(",",
                r.Index.ToString(CultureInfo.InvariantCulture),
                r.Stage.ToString(CultureInfo.InvariantCulture),
                r.Name,
                r.IsTransition ? "1" : "0",
                Number(r.DmExpectedVariance),
                Number(r.MeanFieldVariance),
                Number(r.MeasuredVariance),
                Number(r.MeasuredMeanSquare),
                Number(r.BranchVariance)));
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
