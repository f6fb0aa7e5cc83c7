using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nfnet.Dsl.Syntax;

/// <summary>A YAML syntax error as the user should read it: where to look and what to write.</summary>
internal readonly record struct YamlSyntaxError(Mark Start, Mark End, string Message);

/// <summary>
/// Turns YamlDotNet's exceptions into located, readable messages. YamlDotNet says "While parsing a flow sequence, did
/// not find expected ',' or ']'" wherever it gave up (often lines after the real mistake), or throws an
/// InvalidOperationException with no position at all; with the reader's <see cref="ReadProgress"/> and the text,
/// that becomes "'[' at line 3, column 12 opens a list that is never closed; add the missing ']'".
/// YamlDotNet's messages are matched by their distinctive words (<see cref="Rules"/>); one the table does not know
/// keeps YamlDotNet's words, still located. YamlSyntaxMessageTests has an example for every rule.
/// </summary>
internal static class YamlSyntaxErrors
{
    public static YamlSyntaxError Describe(Exception exception, ReadProgress progress, string text)
    {
        var site = new ErrorSite(exception, progress, text);
        if (exception is YamlException)
        {
            foreach (var (words, explain) in Rules)
                if (words.Exists(site.Says) && explain(site) is { } error)
                    return error;
            return site.Here(UnexplainedPrefix + Sentence(site.Message));
        }
        // YamlDotNet's own failures without a position: an unclosed or badly indented bracket, or '...' too early.
        if ((Unclosed(site) ?? UnderIndented(site)) is { } bracket)
            return bracket;
        if (exception.Message.Contains("no more tokens") && DocumentEndLine(text) is { } marker)
            return new(marker, TextMarks.After(marker, 3), "'...' ends a YAML document, but no document has started; remove this line");
        var at = progress.LastEnd.Equals(Mark.Empty) ? new Mark(0, 1, 1) : progress.LastEnd;
        return new(at, at, $"{UnreadablePrefix}line {at.Line}, column {at.Column} ({exception.Message.TrimEnd('.')})");
    }

    private const string UnexplainedPrefix = "invalid YAML: ";
    private const string UnreadablePrefix = "the YAML could not be read past ";

    /// <summary>True for the fallbacks: a YamlDotNet message no rule explains. The fuzz tests find none.</summary>
    public static bool IsUnexplained(string message) =>
        message.StartsWith(UnexplainedPrefix, StringComparison.Ordinal) || message.StartsWith(UnreadablePrefix, StringComparison.Ordinal);

    private static readonly List<(List<string> Words, Func<ErrorSite, YamlSyntaxError?> Explain)> Rules =
    [
        (["did not find expected ',' or ']'", "did not find expected ',' or '}'"], s => Unclosed(s) ?? MissingComma(s)),
        (["did not find expected node content", "did not find expected token"],
            s => Unclosed(s) ?? s.Here($"expected a value here, found {s.Found}")),
        (["block mapping, did not find expected key"], s => s.Char is ']' or '}'
            ? s.Here($"'{s.Char}' closes nothing: no list or mapping written with brackets is open here; remove it")
            : s.Progress.InnermostBlock(sequence: false) is { } mapping
                ? s.Here($"expected the next 'key: value' of the mapping at line {mapping.Start.Line} (its keys start at column {mapping.Start.Column}), found {s.Found}; check this line's indentation and its ':'")
                : s.Here($"expected a 'key: value' line, found {s.Found}; check this line's indentation and its ':'")),
        (["block collection, did not find expected '-'"], s => s.Progress.InnermostBlock(sequence: true) is { } list
            ? s.Here($"expected the next '- item' of the list at line {list.Start.Line} (its items start at column {list.Start.Column}), found {s.Found}; check this line's indentation")
            : s.Here($"expected a '- item' line, found {s.Found}; check this line's indentation")),
        (["invalid tab as indentation", "tab character that violate"], s => s.Here("a tab indents this line; YAML indents with spaces only")),
        (["multiline plain scalar, found invalid mapping"],
            s => s.Here("this ':' would make a key of a line that continues the value above it; align the key with the other keys of its mapping, or quote the value")),
        (["found invalid mapping", "mapping values are not allowed"],
            s => s.Here("this ': ' would start a mapping inside a value; quote the value if the ':' is part of the text, or write the mapping on its own indented lines")),
        (["quoted scalar, found unexpected end of stream"],
            s => s.Here($"the text quoted with {s.QuoteName} at {Place(s.At)} is never closed; add the closing {s.QuoteName}")),
        (["quoted scalar, found unexpected document indicator"],
            s => s.Here($"the text quoted with {s.QuoteName} at {Place(s.At)} runs into a '---' or '...' line; add the closing {s.QuoteName} before it")),
        (["double-quoted scalar, found wrong indentation"],
            s => s.Here($"the text quoted with {s.QuoteName} at {Place(s.At)} is not closed on its line, and the next line is not indented; add the closing {s.QuoteName}")),
        (["unknown escape character"], s => UnknownEscape(s)
            ?? s.Here("this double-quoted text has an escape YAML does not know; write '\\\\' for a backslash, or use single quotes")),
        (["hexadecimal number", "unicode character escape", "unicode surrogates"],
            s => s.Here("an escape in this double-quoted text is not a valid character: '\\x', '\\u' and '\\U' take 2, 4 or 8 hexadecimal digits of a Unicode character")),
        (["character that cannot start any token"], s => s.Here($"{s.FoundChar} cannot start a value; quote the text (\"...\") if it is meant literally")),
        (["anchor or alias", "more than one anchor", "anchor before sequence entry"],
            s => s.Here("'&' and '*' start YAML anchors and aliases, which specs do not support (share fields with 'base:'); quote the text if it is meant literally")),
        (["simple key, could not find expected ':'", "invalid key indicator"],
            s => s.Here($"expected ':' after {s.Found} on its line; a key and its ':' must be on one line, within 1024 characters")),
        (["mapping keys are not allowed"], s => s.Here("'? ' starts a YAML complex key, which is not allowed here; quote the text if it is meant literally")),
        (["block sequence entries are not allowed"],
            s => s.Here("'- ' starts a list item, which cannot follow a key on its line; write the list on its own indented lines, or as [a, b]")),
        (["comment between adjacent scalars"],
            s => s.Here("a '#' comment interrupts a value that continues on the next line; move the comment after the value's last line")),
        (["invalid comment after"], s => s.Here("a comment needs a space before its '#'")),
        (["did not find expected <document start>", "did not find expected <document end>"], s => OutsideTheDocument(s)),
        (["document end, found invalid content"], s => s.Here("'...' ends the YAML document; nothing may follow it on its line")),
        (["did not find preceding <document end>", "could not find document end marker before version directive"],
            s => s.Here("a '%YAML' directive may only come before the document's first line; remove this line")),
        (["duplicate %"], s => s.Here("this '%' directive repeats one above it; remove this line")),
        (["directive"],
            s => s.Here("'%' at the start of a line begins a YAML directive (like '%YAML 1.2'), which specs do not need; remove the line, or quote the text that starts with '%'")),
        (["incompatible yaml document"], s => s.Here("only YAML 1.x can be read; fix or remove the '%YAML' line")),
        (["tag"], s => s.Here("'!' starts a YAML tag, which specs do not use; remove it, or quote the text if it is meant literally")),
        (["block scalar"],
            s => s.Here("after '|' or '>' only an indentation digit 1-9, '+' or '-' and a comment may follow on the same line; start the text on the next line, indented consistently")),
    ];

    private static YamlSyntaxError MissingComma(ErrorSite s) => s.Progress.InnermostFlow is { } open
        ? s.Here($"expected ',' or '{open.Closer}' in the {open.Noun} opened at {Place(open.Start)}, found {s.Found}; separate its items with ',' and close it with '{open.Closer}'")
        : s.Here($"expected ',' or a closing bracket, found {s.Found}");

    /// <summary>Text after the document's content: past a '...', after a '%' directive without '---', or left of the top level.</summary>
    private static YamlSyntaxError OutsideTheDocument(ErrorSite s)
    {
        if (s.Progress.ExplicitDocumentEnd is { } end)
            return end.Line == s.At.Line
                ? s.Here("'...' ends the YAML document; nothing may follow it on its line")
                : s.Here($"the YAML document ended with '...' at line {end.Line}, so this text is outside it; remove the '...' line (a spec file holds one document)");
        if (s.Progress.Root is MappingStart root)
            return s.Here($"the spec's top level starts at line {root.Start.Line}, column {root.Start.Column}, so {s.Found} here is outside it; start every top-level key in column {root.Start.Column}");
        if (s.Progress.Root is { } value)
            return s.Here($"the YAML document is the single value at line {value.Start.Line}, column {value.Start.Column}, so {s.Found} cannot follow it; a spec file is one mapping of 'key: value' lines");
        return s.Here("after a '%' directive the document must start with a '---' line; add '---', or remove the directive");
    }

    /// <summary>The innermost open '[' or '{' that the text confirms is never closed, or closed by the wrong bracket.</summary>
    private static YamlSyntaxError? Unclosed(ErrorSite s)
    {
        foreach (var open in s.OpenBrackets)
        {
            var end = FlowBrackets.FindEnd(s.Text, (int)open.Start.Index);
            var missing = $"add the missing '{open.Closer}' after its last {(open.IsSequence ? "item" : "entry")}";
            var closer = TextMarks.At(s.Text, end.Index);
            switch (end.Kind)
            {
                case BracketEndKind.NeverClosed:
                    return new(open.Start, TextMarks.After(open.Start, 1),
                        $"'{open.Opener}' at {Place(open.Start)} opens a {open.Noun} that is never closed; {missing}");
                case BracketEndKind.DocumentMarker:
                    return new(open.Start, TextMarks.After(open.Start, 1),
                        $"'{open.Opener}' at {Place(open.Start)} opens a {open.Noun} that is not closed before the '{s.Text.Substring(end.Index, 3)}' at line {closer.Line}; {missing}");
                case BracketEndKind.WrongCloser:
                    return new(closer, TextMarks.After(closer, 1),
                        $"'{end.Found}' cannot close the {open.Noun} opened with '{open.Opener}' at {Place(open.Start)}; write '{open.Closer}'");
            }
        }
        return null;
    }

    /// <summary>
    /// A bracketed list or mapping that continues on a line indented no deeper than the key it belongs to, which YAML
    /// forbids (YamlDotNet fails on it without a position).
    /// </summary>
    private static YamlSyntaxError? UnderIndented(ErrorSite s)
    {
        foreach (var open in s.OpenBrackets)
        {
            if (s.Progress.BlockAround(open) is not { } block)
                continue;
            var end = FlowBrackets.FindEnd(s.Text, (int)open.Start.Index);
            foreach (var line in TextMarks.LineStarts(s.Text, (int)open.Start.Index, end.Index))
            {
                var first = line;
                while (first < s.Text.Length && s.Text[first] == ' ')
                    first++;
                if (first - line + 1 <= block.Start.Column && first < end.Index && !FlowBrackets.IsBreak(s.Text[first]) && s.Text[first] != '#')
                {
                    var at = TextMarks.At(s.Text, first);
                    return new(at, TextMarks.After(at, 1),
                        $"this line continues the {open.Noun} opened with '{open.Opener}' at {Place(open.Start)}, so it must be indented past column {block.Start.Column}; indent it, or join it to the line above");
                }
            }
        }
        return null;
    }

    /// <summary>The first "\q" escape YAML does not have in the double-quoted text starting at the error.</summary>
    private static YamlSyntaxError? UnknownEscape(ErrorSite s)
    {
        const string escapes = "0abt\tnvfre \"/\\N_LPxuU\r\n";
        var text = s.Text;
        for (var i = (int)s.At.Index + 1; i + 1 < text.Length && text[i] != '"'; i++)
        {
            if (text[i] != '\\')
                continue;
            if (escapes.IndexOf(text[i + 1]) < 0)
            {
                var at = TextMarks.At(text, i);
                return new(at, TextMarks.After(at, 2), $"'\\{text[i + 1]}' is not a YAML escape; write '\\\\' for a backslash, or use single quotes");
            }
            i++;
        }
        return null;
    }

    /// <summary>The first line that is a '...' document end marker.</summary>
    private static Mark? DocumentEndLine(string text)
    {
        foreach (var line in TextMarks.LineStarts(text, 0, text.Length))
            if (line + 3 <= text.Length && string.CompareOrdinal(text, line, "...", 0, 3) == 0 && FlowBrackets.IsDocumentMarker(text, line))
                return TextMarks.At(text, line);
        return null;
    }

    private static string Place(Mark mark) => $"line {mark.Line}, column {mark.Column}";

    private static string Sentence(string message) =>
        message.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(message[0]) + message.Substring(1).TrimEnd('.');

    /// <summary>Where YamlDotNet failed, what stands there, and what it said, without its "(Line: 3, ...)" prefix.</summary>
    private sealed class ErrorSite
    {
        public ErrorSite(Exception exception, ReadProgress progress, string text)
        {
            Progress = progress;
            Text = text;
            var yaml = exception as YamlException;
            At = yaml?.Start ?? progress.LastEnd;
            End = yaml?.End ?? progress.LastEnd;
            var message = exception.Message;
            var marker = message.IndexOf("): ", StringComparison.Ordinal);
            if (yaml is not null && message.StartsWith("(", StringComparison.Ordinal) && marker >= 0)
                message = message.Substring(marker + 3);
            while (message.Contains("  "))
                message = message.Replace("  ", " ");
            Message = message.Trim();
        }

        public ReadProgress Progress { get; }

        public string Text { get; }

        public Mark At { get; }

        public Mark End { get; }

        public string Message { get; }

        public char Char => At.Index < Text.Length ? Text[(int)At.Index] : '\0';

        public bool Says(string words) => Message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The open '[' and '{' collections, innermost first, that really start with their bracket in the text.</summary>
        public IEnumerable<OpenCollection> OpenBrackets
        {
            get
            {
                for (var i = Progress.Open.Count - 1; i >= 0; i--)
                {
                    var open = Progress.Open[i];
                    if (open.IsFlow && open.Start.Index < Text.Length && Text[(int)open.Start.Index] == open.Opener)
                        yield return open;
                }
            }
        }

        public YamlSyntaxError Here(string message) => new(At, End, message);

        /// <summary>The quote character that opens the text at the error, named for a message: '"' or "'".</summary>
        public string QuoteName => Char == '\'' ? "\"'\"" : "'\"'";

        /// <summary>What stands at the error: "'c:'", "']'", "the end of the line", "the end of the file".</summary>
        public string Found => TextMarks.Describe(Text, (int)Math.Min(At.Index, Text.Length), wholeToken: true);

        /// <summary>The one character at the error, described like <see cref="Found"/>.</summary>
        public string FoundChar => TextMarks.Describe(Text, (int)Math.Min(At.Index, Text.Length), wholeToken: false);
    }
}
