using System;
using System.Collections.Generic;
using YamlDotNet.Core;

namespace Nfnet.Dsl.Syntax;

/// <summary>Positions and snippets of a spec's text, counted the way YamlDotNet counts them, for syntax errors.</summary>
internal static class TextMarks
{
    /// <summary>The line and column of an offset: LF, CR, CRLF (once), NEL, LS and PS each end a line.</summary>
    public static Mark At(string text, int index)
    {
        long line = 1, column = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                continue; // CRLF: the LF ends the line
            if (FlowBrackets.IsBreak(text[i]))
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new Mark(index, line, column);
    }

    /// <summary>The mark <paramref name="characters"/> further on the same line.</summary>
    public static Mark After(Mark mark, int characters) => new(mark.Index + characters, mark.Line, mark.Column + characters);

    /// <summary>The offsets where lines start, after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public static IEnumerable<int> LineStarts(string text, int from, int to)
    {
        if (from == 0 && to > 0)
            yield return 0;
        for (var i = from; i < to && i < text.Length; i++)
        {
            if (!FlowBrackets.IsBreak(text[i]) || text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                continue;
            if (i + 1 < to)
                yield return i + 1;
        }
    }

    /// <summary>
    /// What stands at an offset, for "found ...": "'c:'" (the token up to the next space, at most 24 characters, or the
    /// one character), "the end of the line", "the end of the file"; an invisible or unusual space by its code point.
    /// </summary>
    public static string Describe(string text, int index, bool wholeToken)
    {
        if (index >= text.Length)
            return "the end of the file";
        var c = text[index];
        if (FlowBrackets.IsBreak(c))
            return "the end of the line";
        if (c == '\t')
            return "a tab";
        if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            return $"the invisible character U+{(int)c:X4} (delete it)";
        if (char.IsWhiteSpace(c))
            return $"the unusual space U+{(int)c:X4}";
        var end = index + 1;
        while (wholeToken && end < text.Length && end - index < 24 && !char.IsWhiteSpace(text[end]) && !char.IsControl(text[end]))
            end++;
        var more = wholeToken && end < text.Length && end - index >= 24 && !char.IsWhiteSpace(text[end]) ? "…" : "";
        return $"'{text.Substring(index, end - index)}{more}'";
    }
}
