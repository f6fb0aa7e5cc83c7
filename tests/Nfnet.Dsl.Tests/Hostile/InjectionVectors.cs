using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>Strings that would break generated code if copied into it raw, and how to write them in YAML.</summary>
internal static class InjectionVectors
{
    /// <summary>Each vector by name (the xunit case label) and its raw text.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["quote"] = "a\"b",
        ["triple quote"] = "\"\"\" raw",
        ["backslash"] = "a\\b\\",
        ["newline"] = "two\nlines",
        ["trailing newline"] = "F9\n",
        ["carriage return"] = "a\rb",
        ["comment close"] = "*/ x /*",
        ["hash"] = "#error x",
        ["summary close"] = "</summary><b>",
        ["xml entity"] = "&amp; &lt;",
        ["braces"] = "{0} {{name}}",
        ["right-to-left override"] = "abc\u202Edef",
        ["bidi isolate"] = "a\u2066b\u2069c",
        ["left-to-right mark"] = "a\u200Eb",
        ["zero-width space"] = "zero\u200Bwidth",
        ["zero-width joiner"] = "a\u200Db",
        ["byte-order mark"] = "a\uFEFFb",
        ["nul"] = "a\0b",
        ["escape"] = "a\u001B[31mb",
        ["next line"] = "a\u0085b",
        ["line separator"] = "a\u2028b",
        ["paragraph separator"] = "a\u2029b",
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>Characters a spec may not get into code or a doc comment: controls (line breaks too), bidi and zero-width marks, line separators.</summary>
    public static bool IsInvisibleOrControl(char c) => char.IsControl(c) || GeneratedCode.IsDangerous(c);

    public static bool HasInvisibleOrControl(string text) => text.Any(IsInvisibleOrControl);

    /// <summary>What a doc comment can show of <paramref name="text"/>: the text without those characters.</summary>
    public static string Visible(string text) => new(text.Where(c => !IsInvisibleOrControl(c)).ToArray());

    /// <summary>A YAML double-quoted scalar for <paramref name="raw"/>, every non-printable-ASCII character as a \u escape.</summary>
    public static string YamlQuoted(string raw)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in raw)
        {
            if (c is '"' or '\\')
                builder.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7E)
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}
