using System;
using System.IO;
using System.Linq;
using Nfnet.Analysis.Text;

namespace Nfnet.Analysis.Diff;

/// <summary>Writes a <see cref="SpecDiffResult"/> for a terminal: a headline, then one paragraph per variant that differs.</summary>
public static class DiffText
{
    public static void Write(TextWriter writer, SpecDiffResult diff, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diff);
        writer.WriteLine($"{oldName} → {newName}: {diff.Headline}");
        foreach (var variant in diff.Variants)
        {
            writer.WriteLine();
            switch (variant.Kind)
            {
                case VariantChangeKind.Added:
                    writer.WriteLine($"added    {variant.Name} ({variant.New!.ClassName}): {Totals(variant.New.ParameterCount, variant.New.MacsAtTestSize)}");
                    break;
                case VariantChangeKind.Removed:
                    writer.WriteLine($"removed  {variant.Name} ({variant.Old!.ClassName}): {Totals(variant.Old.ParameterCount, variant.Old.MacsAtTestSize)}");
                    break;
                default:
                    writer.WriteLine($"changed  {variant.Name} ({variant.New!.ClassName}): parameters {Change(variant.OldParameters!.Value, variant.NewParameters!.Value, exact: true)}; "
                                     + $"MACs@test {Change(variant.OldMacs!.Value, variant.NewMacs!.Value, exact: false)}");
                    int width = variant.Changes.Max(c => c.Key.Length);
                    foreach (var change in variant.Changes)
                        writer.WriteLine($"         {change.Key.PadRight(width)}  {change.Old} → {change.New}");
                    break;
            }
        }
    }

    /// <summary>"71,489,284 parameters (71.49M), 12.38G MACs@test".</summary>
    public static string Totals(long parameters, long macs) =>
        $"{Quantities.Exact(parameters)} parameters ({Quantities.Short(parameters)}), {Quantities.Short(macs)} MACs@test";

    /// <summary>"71,489,284 → 72,100,000 (+610.72K, +0.9%)", or "12.38G → 12.60G (+220.00M, +1.8%)"; "unchanged" when equal.</summary>
    public static string Change(long before, long after, bool exact)
    {
        if (before == after) return $"{(exact ? Quantities.Exact(after) : Quantities.Short(after))} (unchanged)";
        var format = exact ? (Func<long, string>)Quantities.Exact : Quantities.Short;
        return $"{format(before)} → {format(after)} ({Quantities.Delta(after - before)}, {Quantities.Percent(before, after)})";
    }
}
