using System;
using System.IO;
using System.Linq;
using Nfnet.Analysis.Text;

namespace Nfnet.Analysis.Diff;

/// <summary>
/// Writes a <see cref="SpecDiffResult"/> as GitHub-flavoured Markdown for a pull-request comment: a headline and one
/// table row per variant that differs, the changed values in the last cell.
/// </summary>
public static class DiffMarkdown
{
    public static void Write(TextWriter writer, SpecDiffResult diff, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diff);
        writer.WriteLine($"**nfnet diff** `{oldName}` → `{newName}`: {diff.Headline}");
        if (diff.Variants.Count == 0) return;
        writer.WriteLine();
        writer.WriteLine("| Variant | Change | Parameters | Δ parameters | MACs@test | Δ MACs | What changed |");
        writer.WriteLine("|---|---|--:|--:|--:|--:|---|");
        foreach (var v in diff.Variants)
        {
            var cells = v.Kind switch
            {
                VariantChangeKind.Added => new[] { "added", Quantities.Short(v.NewParameters!.Value), "", Quantities.Short(v.NewMacs!.Value), "", "" },
                VariantChangeKind.Removed => ["removed", Quantities.Short(v.OldParameters!.Value), "", Quantities.Short(v.OldMacs!.Value), "", ""],
                _ =>
                [
                    "changed",
                    $"{Quantities.Short(v.OldParameters!.Value)} → {Quantities.Short(v.NewParameters!.Value)}",
                    Delta(v.OldParameters.Value, v.NewParameters.Value),
                    $"{Quantities.Short(v.OldMacs!.Value)} → {Quantities.Short(v.NewMacs!.Value)}",
                    Delta(v.OldMacs.Value, v.NewMacs.Value),
                    string.Join("<br>", v.Changes.Select(c => $"`{c.Key}` {c.Old} → {c.New}")),
                ],
            };
            writer.WriteLine("| " + string.Join(" | ", new[] { $"`{v.Name}`" }.Concat(cells).Select(Escape)) + " |");
        }
    }

    private static string Delta(long before, long after) =>
        before == after ? "0" : $"{Quantities.Delta(after - before)} ({Quantities.Percent(before, after)})";

    // A '|' inside a cell would end it; descriptions are free text.
    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
