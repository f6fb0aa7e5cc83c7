using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Random, reproducible edits of a spec text: structural (delete, duplicate, truncate), typed (swap a value's YAML type,
/// extreme numbers, huge lists, deep nesting) and lexical (unicode, tabs, BOMs, CRLF, control characters, anchors).
/// The same seed gives the same edits, so a failure names the seed that reproduces it.
/// </summary>
internal sealed class SpecMutator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The edit names, for the failure message.</summary>
    public List<string> Applied { get; } = [];

    private static readonly string[] Extremes =
    [
        "0", "-1", "-0", "1e400", "-1e400", "1e-320", "4.9e-324", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "99999999999999999999999999", "1099511627776", "1000000000", "2147483648", ".nan", ".inf",
        "-.inf", "0x7fffffff", "0o17", "1_000", "+12", "1.", ".5", "1e3", "NaN", "Infinity", "1,5", "٣",
    ];

    private static readonly string[] Hostile =
    [
        "\"a\\\"b\"", "'it''s'", "\"line\\nbreak\"", "\"*/ /*\"", "\"# not a comment\"", "\"back\\\\slash\"", "\"</summary><b>\"",
        "\"\u202Eevil\"", "\"zero\u200Bwidth\"", "\"{0}{{}}\"", "'\"\"\"raw\"\"\"'", "\"\\0nul\"", "\"\\u2028ls\"", "\"\\x85nel\"",
        "é", "Ünïcödé", "𝔽0", "\"\uFEFFbom\"", "\"a\\tb\"", "\"\\e[31m\"", "\"${x}\"", "'&lt;'",
    ];

    private static readonly string[] Unicode =
    [
        "\u202E", "\u202D", "\u2066", "\u2069", "\u200B", "\u200D", "\uFEFF", "\u0085", "\u2028", "\u2029", "\u00A0", "\u3000",
        "\uD835\uDD3D", "\uD800", "\uDC00", "\u0301", "\uFFFD", "\uFFFF", "é", "ß", "ı", "İ", "\u0660", "\uFF10",
    ];

    private static readonly string[] Controls = ["\0", "\u0001", "\u0007", "\b", "\u000B", "\f", "\u001B", "\u007F", "\r", "\t"];

    public string Mutate(string text)
    {
        var edits = 1 + _random.Next(3);
        for (var i = 0; i < edits; i++)
            text = MutateOnce(text);
        return text;
    }

    private string MutateOnce(string text)
    {
        var kind = _random.Next(17);
        Applied.Add(kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var lines = text.Split('\n').ToList();
        switch (kind)
        {
            case 0: // delete a line
                if (lines.Count > 1)
                    lines.RemoveAt(_random.Next(lines.Count));
                return string.Join("\n", lines);
            case 1: // delete a few characters
            {
                if (text.Length == 0)
                    return text;
                var at = _random.Next(text.Length);
                return text.Remove(at, Math.Min(1 + _random.Next(5), text.Length - at));
            }
            case 2: // duplicate a line or a run of lines
            {
                var at = _random.Next(lines.Count);
                var count = Math.Min(1 + _random.Next(4), lines.Count - at);
                lines.InsertRange(at, lines.GetRange(at, count));
                return string.Join("\n", lines);
            }
            case 3: // swap a value's type: number ↔ text ↔ list ↔ mapping
                return ReplaceValue(text, Pick(["256", "text", "\"quoted\"", "[1, 2]", "[]", "{}", "{ a: 1 }", "~", "true", "[[1]]", "{ width: 1 }", "|\n      block"]));
            case 4: // extreme or negative number
                return ReplaceNumber(text, Pick(Extremes));
            case 5: // deep nesting of a value
            {
                var depth = Pick([2, 10, 31, 33, 100, 2000]);
                return ReplaceValue(text, new string('[', depth) + "1" + new string(']', depth));
            }
            case 6: // a huge list
                return ReplaceValue(text, "[" + string.Join(", ", Enumerable.Repeat(Pick(["1", "256", "-1", "x"]), Pick([17, 65, 1000, 5000]))) + "]");
            case 7: // unicode anywhere
                return Insert(text, Pick(Unicode));
            case 8: // tabs for indentation or anywhere
                return _random.Next(2) == 0 ? ReplaceFirst(text, "  ", "\t", _random.Next(text.Length)) : Insert(text, "\t");
            case 9: // a byte-order mark at the start or inside
                return _random.Next(2) == 0 ? "\uFEFF" + text : Insert(text, "\uFEFF");
            case 10: // anchors, aliases, merge keys
                return Insert(text, Pick(["&a ", "*a", "&a [1] ", "<<: *a\n", "*", "&", "!!str ", "!custom ", "? ", "%YAML 1.1\n"]));
            case 11: // line endings: all CRLF, all CR, or one stray CR
                return Pick([0, 1, 2]) switch { 0 => text.Replace("\n", "\r\n"), 1 => text.Replace("\n", "\r"), _ => Insert(text, "\r") };
            case 12: // NUL and other control characters
                return Insert(text, Pick(Controls));
            case 13: // truncation
                return text.Substring(0, _random.Next(text.Length + 1));
            case 14: // a hostile string where a name, description or namespace stands
                return ReplaceValue(text, Pick(Hostile));
            case 15: // a hostile variant name or key
            {
                var key = Pick(Hostile);
                var at = lines.FindIndex(l => l.StartsWith("  F", StringComparison.Ordinal) && l.Contains(':'));
                if (at >= 0)
                    lines[at] = "  " + key + lines[at].Substring(lines[at].IndexOf(':'));
                return string.Join("\n", lines);
            }
            default: // a second document or a stray document marker
                return Insert(text, Pick(["\n---\n", "\n...\n", "\n--- x\n"]));
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Insert(string text, string what) => text.Insert(_random.Next(text.Length + 1), what);

    private static string ReplaceFirst(string text, string find, string with, int from)
    {
        var at = text.IndexOf(find, Math.Min(from, text.Length), StringComparison.Ordinal);
        return at < 0 ? text : text.Substring(0, at) + with + text.Substring(at + find.Length);
    }

    /// <summary>Replaces the value after a random "key: " (block or flow style) with <paramref name="value"/>.</summary>
    private string ReplaceValue(string text, string value)
    {
        var starts = AllIndexes(text, ": ").ToList();
        if (starts.Count == 0)
            return text;
        var start = Pick(starts) + 2;
        var end = start;
        var depth = 0;
        while (end < text.Length && text[end] != '\n' && !(depth == 0 && text[end] is ',' or '}'))
        {
            depth += text[end] switch { '[' or '{' => 1, ']' => -1, _ => 0 };
            end++;
        }
        return new StringBuilder(text).Remove(start, end - start).Insert(start, value).ToString();
    }

    private string ReplaceNumber(string text, string number)
    {
        var starts = Enumerable.Range(0, text.Length)
            .Where(i => char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]) && text[i - 1] != '.'))
            .ToList();
        if (starts.Count == 0)
            return text;
        var start = Pick(starts);
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            end++;
        return text.Substring(0, start) + number + text.Substring(end);
    }

    private static IEnumerable<int> AllIndexes(string text, string find)
    {
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + 1, StringComparison.Ordinal))
            yield return at;
    }
}
