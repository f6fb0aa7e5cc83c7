using System;
using System.Collections.Generic;
using System.IO;
using Nfnet.Dsl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nfnet.Dsl.Syntax;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s that carry their spans. Never throws: syntax errors,
/// aliases, extra documents and oversized input become diagnostics.
/// </summary>
public static class YamlReader
{
    /// <summary>Deeper nesting than this is never a spec, only a way to exhaust the stack.</summary>
    public const int MaxDepth = 32;

    /// <summary>A spec has a few hundred nodes; this bounds the work any file can cause.</summary>
    public const int MaxNodes = 100_000;

    public static YamlNode? Read(string path, string text, List<SpecDiagnostic> diagnostics)
    {
        // A byte-order mark is no content; offsets still count it so they index the text as given.
        var offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        text = text.Substring(offset);
        var state = new ReaderState(path, diagnostics, offset);
        try
        {
            var parser = new Parser(new StringReader(text));
            YamlNode? root = null;
            var documents = 0;
            while (state.Next(parser))
            {
                switch (parser.Current)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents > 1)
                        {
                            state.Report(DiagnosticCatalog.MultipleDocuments, start.Start, start.End, start.IsImplicit && state.Progress.ExplicitDocumentEnd is { } end
                                ? $"the '...' at line {end.Line} ends the YAML document, so this text would be a second one; a spec file holds one document: remove the '...' line"
                                : "a spec file holds one YAML document; remove the '---' separator or move the rest to another *.nfnet.yaml file");
                            return root;
                        }
                        break;
                    case DocumentEnd { IsImplicit: false } end:
                        state.Progress.ExplicitDocumentEnd = end.Start;
                        break;
                    case StreamStart or StreamEnd or DocumentEnd:
                        break;
                    default:
                        state.Progress.Root ??= parser.Current;
                        root = ReadNode(parser, state, depth: 0);
                        if (state.Aborted)
                            return null;
                        if (parser.Current is DocumentEnd { IsImplicit: false } explicitEnd)
                            state.Progress.ExplicitDocumentEnd = explicitEnd.Start;
                        continue; // ReadNode already advanced past the node
                }
            }
            return root;
        }
        catch (YamlException e) when (e.Start.Equals(Mark.Empty) && IndentationTab(text) is { } tab)
        {
            // YamlDotNet's "found invalid tab as indentation" carries no position; point at the tab.
            state.Report(DiagnosticCatalog.YamlSyntax, tab, tab, "a tab indents this line; YAML indents with spaces only");
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet's parser and scanner errors, and the InvalidOperationException it throws without a position
            // on some unclosed brackets: each becomes a located message saying what to fix.
            var error = YamlSyntaxErrors.Describe(e, state.Progress, text);
            state.Report(DiagnosticCatalog.YamlSyntax, error.Start, error.End, error.Message);
            return null;
        }
    }

    /// <summary>Reads the node at <c>parser.Current</c> and leaves the parser on the event after it.</summary>
    private static YamlNode? ReadNode(IParser parser, ReaderState state, int depth)
    {
        // A parser that ends inside a collection is YamlDotNet's bug; the catch in Read reports where reading stopped.
        var current = parser.Current ?? throw new InvalidOperationException("the YAML ended inside a list or mapping");
        if (++state.NodeCount > MaxNodes)
        {
            state.Abort(DiagnosticCatalog.TooLarge, current, $"the file has more than {MaxNodes} YAML nodes; a spec needs a few hundred");
            return null;
        }
        if (depth > MaxDepth)
        {
            state.Abort(DiagnosticCatalog.TooLarge, current, $"YAML nested deeper than {MaxDepth} levels");
            return null;
        }
        if (current is AnchorAlias alias)
        {
            state.Report(DiagnosticCatalog.AliasNotSupported, alias.Start, alias.End,
                $"alias '*{alias.Value}' is not supported; share fields between variants with 'base:' instead");
            state.Next(parser);
            return null;
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            state.Report(DiagnosticCatalog.AliasNotSupported, anchored.Start, anchored.End,
                $"anchor '&{anchored.Anchor.Value}' is not supported; share fields between variants with 'base:' instead");
        }

        switch (current)
        {
            case Scalar scalar:
                state.Next(parser);
                return new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, state.Span(scalar.Start, scalar.End));
            case SequenceStart start:
            {
                var items = new List<YamlNode>();
                state.Progress.Open.Add(new OpenCollection(start.Style == SequenceStyle.Flow, IsSequence: true, start.Start));
                state.Next(parser);
                while (parser.Current is not SequenceEnd)
                {
                    var item = ReadNode(parser, state, depth + 1);
                    if (state.Aborted)
                        return null;
                    if (item is not null)
                        items.Add(item);
                }
                var end = parser.Current;
                state.Leave(parser);
                return new YamlSequence(items, state.Span(start.Start, end.End));
            }
            case MappingStart start:
            {
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                state.Progress.Open.Add(new OpenCollection(start.Style == MappingStyle.Flow, IsSequence: false, start.Start));
                state.Next(parser);
                var lastValueLine = -1L;
                while (parser.Current is not MappingEnd)
                {
                    if (parser.Current is AnchorAlias glued && start.Style != MappingStyle.Flow && glued.Start.Line == lastValueLine)
                    {
                        // YamlDotNet reads "width: [1, 2]*a" as a key '*a' without a value; the events after it are unreliable.
                        state.Abort(DiagnosticCatalog.YamlSyntax, glued, $"'*{glued.Value}' cannot follow the value on its line; remove it (aliases are not supported; share fields with 'base:')");
                        return null;
                    }
                    var keyNode = ReadNode(parser, state, depth + 1);
                    if (state.Aborted)
                        return null;
                    if (parser.Current is MappingEnd)
                        break; // a key without even an empty value: YamlDotNet's reading of "[1] *a"; NFN017 already points at the alias
                    var value = ReadNode(parser, state, depth + 1);
                    if (state.Aborted)
                        return null;
                    if (keyNode is not YamlScalar key)
                    {
                        if (keyNode is not null)
                            state.Diagnostics.Add(DiagnosticCatalog.WrongType.At(keyNode.Span, $"a key must be a plain name, not {keyNode.Describe()}"));
                        continue;
                    }
                    if (value is not null)
                        entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
                    lastValueLine = value?.Span.EndLine ?? -1;
                }
                var end = parser.Current;
                state.Leave(parser);
                return new YamlMapping(entries, state.Span(start.Start, end.End));
            }
            default:
                state.Next(parser);
                return null;
        }
    }

    /// <summary>The first tab in a line's leading whitespace, if any.</summary>
    private static Mark? IndentationTab(string text)
    {
        var line = 1;
        var lineStart = 0;
        var inIndentation = true;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    inIndentation = true;
                    break;
                case '\t' when inIndentation:
                    return new Mark(i, line, i - lineStart + 1);
                case ' ':
                    break;
                default:
                    inIndentation = false;
                    break;
            }
        }
        return null;
    }

    private sealed class ReaderState(string path, List<SpecDiagnostic> diagnostics, int offset)
    {
        public List<SpecDiagnostic> Diagnostics { get; } = diagnostics;
        public int NodeCount;
        public bool Aborted { get; private set; }
        public ReadProgress Progress { get; } = new();

        /// <summary>Moves to the next event, remembering how far the text has been read for syntax errors.</summary>
        public bool Next(IParser parser)
        {
            if (!parser.MoveNext())
                return false;
            Progress.LastEnd = parser.Current!.End;
            return true;
        }

        /// <summary>Moves past a collection's end event: the collection is no longer open.</summary>
        public void Leave(IParser parser)
        {
            Progress.Open.RemoveAt(Progress.Open.Count - 1);
            Next(parser);
        }

        public SourceSpan Span(Mark start, Mark end)
        {
            var startIndex = (int)Math.Min(start.Index + offset, int.MaxValue);
            var endIndex = (int)Math.Min(Math.Max(end.Index, start.Index) + offset, int.MaxValue);
            return new SourceSpan(path, startIndex, endIndex - startIndex,
                (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);
        }

        public void Report(DiagnosticKind kind, Mark start, Mark end, string message) =>
            Diagnostics.Add(kind.At(Span(start, end), message));

        public void Abort(DiagnosticKind kind, ParsingEvent at, string message)
        {
            Report(kind, at.Start, at.End, message);
            Aborted = true;
        }
    }
}
