using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Nfnet.Analysis.Text;

namespace Nfnet.Analysis.Summary;

/// <summary>
/// `nfnet summary`'s human-readable table. Numbers use the invariant culture so output is identical everywhere; the short
/// columns pick their unit per row (<see cref="Quantities.Short"/>), so a 6M-MAC test model reads "6.02M", not "0.01".
/// </summary>
public static class SummaryTable
{
    public static void Write(TextWriter writer, IReadOnlyList<VariantSummary> variants)
    {
        var table = new TextTable(
            ("Variant", false),
            ("Class", false),
            ("Parameters", true),
            ("Params", true),
            ("MACs@test", true),
            ("Train px", true),
            ("Test px", true),
            ("Dropout", true));
        foreach (var v in variants)
            table.AddRow(
                v.Name,
                v.ClassName,
                v.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                Quantities.Short(v.Parameters),
                Quantities.Short(v.Macs),
                v.TrainImageSize.ToString(CultureInfo.InvariantCulture),
                v.TestImageSize.ToString(CultureInfo.InvariantCulture),
                v.DropRate.ToString("0.0##", CultureInfo.InvariantCulture));
        table.Write(writer);
    }
}
