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
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents > 1)
                        {
                            state.Report(DiagnosticCatalog.MultipleDocuments, start.Start, start.End,
                                "a spec file holds one YAML document; remove the '---' separator or move the rest to another *.nfnet.yaml file");
                            return root;
                        }
                        break;
                    case StreamStart or StreamEnd or DocumentEnd:
                        break;
                    default:
                        root = ReadNode(parser, state, depth: 0);
                        if (state.Aborted)
                            return null;
                        continue; // ReadNode already advanced past the node
                }
            }
            return root;
        }
        catch (YamlException e) when (e.Start.Equals(Mark.Empty) && IndentationTab(text) is { } tab)
        {
            // YamlDotNet's "found invalid tab as indentation" carries no position; point at the tab.
            state.Report(DiagnosticCatalog.YamlSyntax, tab, tab, CleanMessage(e));
            return null;
        }
        catch (YamlException e)
        {
            state.Report(DiagnosticCatalog.YamlSyntax, e.Start, e.End, CleanMessage(e));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Add(DiagnosticCatalog.YamlSyntax.At(SourceSpan.StartOf(path), $"the file could not be read as YAML: {e.Message}"));
            return null;
        }
    }

    /// <summary>Reads the node at <c>parser.Current</c> and leaves the parser on the event after it.</summary>
    private static YamlNode? ReadNode(IParser parser, ReaderState state, int depth)
    {
        var current = parser.Current!;
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
            parser.MoveNext();
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
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, state.Span(scalar.Start, scalar.End));
            case SequenceStart start:
            {
                var items = new List<YamlNode>();
                parser.MoveNext();
                while (parser.Current is not SequenceEnd)
                {
                    var item = ReadNode(parser, state, depth + 1);
                    if (state.Aborted)
                        return null;
                    if (item is not null)
                        items.Add(item);
                }
                var end = parser.Current;
                parser.MoveNext();
                return new YamlSequence(items, state.Span(start.Start, end.End));
            }
            case MappingStart start:
            {
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                parser.MoveNext();
                while (parser.Current is not MappingEnd)
                {
                    var keyNode = ReadNode(parser, state, depth + 1);
                    if (state.Aborted)
                        return null;
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
                }
                var end = parser.Current;
                parser.MoveNext();
                return new YamlMapping(entries, state.Span(start.Start, end.End));
            }
            default:
                parser.MoveNext();
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

    private static string CleanMessage(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (...): "; we report the position ourselves.
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(", StringComparison.Ordinal) && marker >= 0)
            message = message.Substring(marker + 3);
        return message.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(message[0]) + message.Substring(1).TrimEnd('.');
    }

    private sealed class ReaderState(string path, List<SpecDiagnostic> diagnostics, int offset)
    {
        public List<SpecDiagnostic> Diagnostics { get; } = diagnostics;
        public int NodeCount;
        public bool Aborted { get; private set; }

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
