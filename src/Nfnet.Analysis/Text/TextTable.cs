using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Nfnet.Analysis.Text;

/// <summary>
/// A plain-text table: padded columns, a dashed rule under the header (and wherever <see cref="AddRule"/> puts one), no
/// colour or box characters, so it reads the same in a terminal, a redirected file, a CI log and a README.
/// </summary>
public sealed class TextTable
{
    private readonly IReadOnlyList<(string Header, bool RightAligned)> columns;
    // A null row is a rule.
    private readonly List<string[]?> rows = [];

    public TextTable(params (string Header, bool RightAligned)[] columns) => this.columns = columns;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != columns.Count)
            throw new ArgumentException($"expected {columns.Count} cells, got {cells.Length}", nameof(cells));
        rows.Add(cells);
    }

    /// <summary>A dashed rule as wide as each column, e.g. above a totals row.</summary>
    public void AddRule() => rows.Add(null);

    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = columns.Select((c, i) => rows.OfType<string[]>().Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        var rule = string.Join("  ", widths.Select(w => new string('-', w)));
        WriteLine(writer, columns.Select(c => c.Header).ToArray(), widths);
        writer.WriteLine(rule);
        foreach (var row in rows)
        {
            if (row is null) writer.WriteLine(rule);
            else WriteLine(writer, row, widths);
        }
    }

    private void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => columns[i].RightAligned ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
