using System.Globalization;
using System.Text;

namespace Nfnet.Dsl.Emit;

/// <summary>C# literals and comment-safe text, formatted the same under every culture.</summary>
internal static class Literals
{
    /// <summary>Round-trippable double: the literal parses back to exactly the plan's value.</summary>
    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    /// <summary>A long with digit separators (71_489_284) so reviewers can read it.</summary>
    public static string Grouped(long value)
    {
        var digits = System.Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
                builder.Append('_');
            builder.Append(digits[i]);
        }
        return (value < 0 ? "-" : "") + builder;
    }

    /// <summary>Thousands with commas for prose: 71,489,284.</summary>
    public static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) => value.ToString("F" + Int(decimals), CultureInfo.InvariantCulture);

    /// <summary>A C# string literal. Spec names are validated to ASCII identifiers; this escapes anyway, as defence in depth.</summary>
    public static string String(string value) => "\"" + Escape(value, braces: false) + "\"";

    /// <summary>Text to place inside an interpolated string literal: escaped as in <see cref="String"/>, with braces doubled.</summary>
    public static string InterpolatedText(string value) => Escape(value, braces: true);

    private static string Escape(string value, bool braces)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '{' or '}' when braces: builder.Append(c, 2); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Text for an XML doc comment: markup escaped, anything that could end the comment line removed.</summary>
    public static string DocText(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029')
                continue;
            builder.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }
        return builder.ToString();
    }
}
