using System.Globalization;

namespace Nfnet.Analysis.Text;

/// <summary>
/// Counts as people read them: two decimals and the largest SI prefix the count reaches ("71.49M" parameters,
/// "12.38G" MACs, "6.02M" MACs of a tiny model rather than "0.01G"). Invariant culture, so output is the same on every machine.
/// </summary>
public static class Quantities
{
    private static readonly (double Scale, string Suffix)[] Units = [(1e9, "G"), (1e6, "M"), (1e3, "K")];

    /// <summary>e.g. 71,489,284 → "71.49M", 6,021,120 → "6.02M", 950 → "950"; negative counts keep their sign.</summary>
    public static string Short(long count)
    {
        if (count < 0) return "-" + Short(-count);
        for (int i = 0; i < Units.Length; i++)
        {
            var (scale, suffix) = Units[i];
            if (count < scale) continue;
            var text = (count / scale).ToString("0.00", CultureInfo.InvariantCulture);
            // 999,999,999 rounds to "1000.00M": say "1.00G" instead.
            if (i > 0 && text == "1000.00") return (count / Units[i - 1].Scale).ToString("0.00", CultureInfo.InvariantCulture) + Units[i - 1].Suffix;
            return text + suffix;
        }
        return count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A signed difference: "+1.20M", "-512", "0".</summary>
    public static string Delta(long difference) => difference > 0 ? "+" + Short(difference) : Short(difference);

    /// <summary>A relative change in percent with one decimal ("+0.7%", "-12.5%"); empty when the old value is 0.</summary>
    public static string Percent(long before, long after) =>
        before == 0 ? "" : ((after - before) * 100.0 / before).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Thousands separators: 71,489,284.</summary>
    public static string Exact(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
