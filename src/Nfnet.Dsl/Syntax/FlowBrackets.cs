namespace Nfnet.Dsl.Syntax;

/// <summary>How a '[' or '{' collection ends in the text, as far as brackets, quotes and comments tell.</summary>
internal enum BracketEndKind
{
    /// <summary>Its matching ']' or '}' is there.</summary>
    Closed,

    /// <summary>A closer of the other kind comes first ('}' for a '[').</summary>
    WrongCloser,

    /// <summary>The file ends with the collection still open.</summary>
    NeverClosed,

    /// <summary>A '---' or '...' line ends the YAML document with the collection still open.</summary>
    DocumentMarker,
}

/// <param name="Index">The closer's or document marker's offset; the text's length when never closed.</param>
internal readonly record struct BracketEnd(BracketEndKind Kind, int Index, char Found);

/// <summary>
/// Finds where a flow collection ends without YAML's parser, which on an unclosed bracket can stop anywhere later in
/// the file (or fail without a position): the bracket itself is what the user has to fix.
/// </summary>
internal static class FlowBrackets
{
    public static char CloserOf(char opener) => opener == '[' ? ']' : '}';

    /// <summary>Follows the brackets from the opener at <paramref name="openIndex"/>, skipping quoted text and comments.</summary>
    public static BracketEnd FindEnd(string text, int openIndex)
    {
        var expected = new System.Collections.Generic.Stack<char>();
        expected.Push(CloserOf(text[openIndex]));
        for (var i = openIndex + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (IsBreak(text[i - 1]) && IsDocumentMarker(text, i))
                return new BracketEnd(BracketEndKind.DocumentMarker, i, c);
            switch (c)
            {
                case '[' or '{':
                    expected.Push(CloserOf(c));
                    break;
                case ']' or '}':
                    if (c != expected.Peek())
                        return new BracketEnd(BracketEndKind.WrongCloser, i, c);
                    expected.Pop();
                    if (expected.Count == 0)
                        return new BracketEnd(BracketEndKind.Closed, i, c);
                    break;
                case '"' or '\'' when StartsToken(text, i):
                    i = QuoteEnd(text, i);
                    break;
                case '#' when StartsToken(text, i):
                    while (i + 1 < text.Length && !IsBreak(text[i + 1]))
                        i++;
                    break;
            }
        }
        return new BracketEnd(BracketEndKind.NeverClosed, text.Length, '\0');
    }

    /// <summary>A quote opens quoted text, and '#' a comment, only at the start of a token (in "it's" it does neither).</summary>
    private static bool StartsToken(string text, int i) =>
        i == 0 || text[i - 1] is ' ' or '\t' or '[' or '{' or ',' or ':' || IsBreak(text[i - 1]);

    /// <summary>The offset of the closing quote, or the text's end.</summary>
    private static int QuoteEnd(string text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
                i++; // an escape: the next character never closes
            else if (text[i] == quote && quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                i++; // '' is an escaped single quote
            else if (text[i] == quote)
                return i;
        }
        return text.Length;
    }

    /// <summary>A line starting with '---' or '...' followed by a space or the line's end: YAML's document markers.</summary>
    public static bool IsDocumentMarker(string text, int lineStart) =>
        lineStart + 3 <= text.Length
        && (string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0 || string.CompareOrdinal(text, lineStart, "...", 0, 3) == 0)
        && (lineStart + 3 == text.Length || text[lineStart + 3] is ' ' or '\t' || IsBreak(text[lineStart + 3]));

    /// <summary>YAML's line breaks: LF, CR, NEL, LS and PS.</summary>
    public static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';
}
