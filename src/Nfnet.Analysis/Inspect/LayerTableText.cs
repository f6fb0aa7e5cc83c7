using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Nfnet.Analysis.Text;

namespace Nfnet.Analysis.Inspect;

/// <summary>
/// Writes a <see cref="LayerTable"/> as torchinfo does: one line per module, indented by depth, then the totals. Stage
/// and stem lines carry the subtotals of what they hold, so the MACs per stage are read off directly.
/// </summary>
public static class LayerTableText
{
    public static void Write(TextWriter writer, LayerTable table, int depth = 2)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        var text = new TextTable(("Module", false), ("Kind", false), ("Output shape", false), ("Parameters", true), ("MACs", true));
        foreach (var row in table.UpTo(depth))
            text.AddRow(new string(' ', 2 * (row.Depth - 1)) + row.Module, row.Kind, Shape(row), Quantities.Exact(row.Parameters),
                row.Macs == 0 ? "" : Quantities.Short(row.Macs));
        text.AddRule();
        text.AddRow("total", "", "", Quantities.Exact(table.TotalParameters), Quantities.Short(table.TotalMacs));
        text.Write(writer);
        var size = table.ImageSize.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine($"{Quantities.Exact(table.TotalParameters)} parameters ({Quantities.Short(table.TotalParameters)}); "
                         + $"{Quantities.Exact(table.TotalMacs)} MACs ({Quantities.Short(table.TotalMacs)}) per {size}×{size} image");
    }

    /// <summary>"[256, 64, 64]", "[1000]", or "" for a scalar parameter.</summary>
    public static string Shape(LayerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.OutputShape.Count == 0 ? "" : "[" + string.Join(", ", row.OutputShape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
