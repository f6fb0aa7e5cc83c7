using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Nfnet.Analysis.Text;

namespace Nfnet.Analysis.Summary;

/// <summary>`nfnet summary`'s human-readable table. Numbers use the invariant culture so output is identical everywhere.</summary>
public static class SummaryTable
{
    public static void Write(TextWriter writer, IReadOnlyList<VariantSummary> variants)
    {
        var table = new TextTable(
            ("Variant", false),
            ("Class", false),
            ("Parameters", true),
            ("Params", true),
            ("GMACs@test", true),
            ("Train px", true),
            ("Test px", true),
            ("Dropout", true));
        foreach (var v in variants)
            table.AddRow(
                v.Name,
                v.ClassName,
                v.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                (v.Parameters / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M",
                (v.Macs / 1e9).ToString("0.00", CultureInfo.InvariantCulture),
                v.TrainImageSize.ToString(CultureInfo.InvariantCulture),
                v.TestImageSize.ToString(CultureInfo.InvariantCulture),
                v.DropRate.ToString("0.0##", CultureInfo.InvariantCulture));
        table.Write(writer);
    }
}
