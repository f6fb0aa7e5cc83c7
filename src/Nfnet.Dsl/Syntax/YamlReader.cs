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

    public static YamlNode? Read(string path, string text, List<SpecDiagnostic> diagnostics) => Read(path, text, diagnostics, out _);

    /// <param name="partial">
    /// On a syntax error (then the result is null): the tree read before it, with the collections it was inside cut
    /// short. Never to be compiled, since every value after the error is missing; it still names the variants the user's
    /// code may refer to (see ModelStubs).
    /// </param>
    public static YamlNode? Read(string path, string text, List<SpecDiagnostic> diagnostics, out YamlNode? partial)
    {
        partial = null;
        // A byte-order mark is no content; offsets still count it so they index the text as given.
        var offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        text = text.Substring(offset);
        var state = new ReaderState(path, diagnostics, offset);
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
                    if (state.Stopped)
                        break;
                    if (parser.Current is DocumentEnd { IsImplicit: false } explicitEnd)
                        state.Progress.ExplicitDocumentEnd = explicitEnd.Start;
                    continue; // ReadNode already advanced past the node
            }
            if (state.Stopped)
                break;
        }
        if (state.Failure is { } failure)
        {
            ReportSyntaxError(failure, state, text);
            partial = root;
            return null;
        }
        return state.Aborted ? null : root;
    }

    private static void ReportSyntaxError(Exception failure, ReaderState state, string text)
    {
        if (failure is YamlException yaml && yaml.Start.Equals(Mark.Empty) && IndentationTab(text) is { } tab)
        {
            // YamlDotNet's "found invalid tab as indentation" carries no position; point at the tab.
            state.Report(DiagnosticCatalog.YamlSyntax, tab, tab, "a tab indents this line; YAML indents with spaces only");
            return;
        }
        // YamlDotNet's parser and scanner errors, and the InvalidOperationException it throws without a position on
        // some unclosed brackets: each becomes a located message saying what to fix.
        var error = YamlSyntaxErrors.Describe(failure, state.Progress, text);
        state.Report(DiagnosticCatalog.YamlSyntax, error.Start, error.End, error.Message);
    }

    /// <summary>
    /// Reads the node at <c>parser.Current</c> and leaves the parser on the event after it. When reading stops inside
    /// it (a syntax error, or a limit), returns what it has so far and leaves <see cref="ReaderState.Open"/> as it was.
    /// </summary>
    private static YamlNode? ReadNode(IParser parser, ReaderState state, int depth)
    {
        if (parser.Current is not { } current)
        {
            // A parser that ends inside a collection is YamlDotNet's bug; report where reading stopped.
            state.Fail(new InvalidOperationException("the YAML ended inside a list or mapping"));
            return null;
        }
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
                return ReadSequence(parser, state, depth, start);
            case MappingStart start:
                return ReadMapping(parser, state, depth, start);
            default:
                state.Next(parser);
                return null;
        }
    }

    private static YamlSequence ReadSequence(IParser parser, ReaderState state, int depth, SequenceStart start)
    {
        var items = new List<YamlNode>();
        state.Open.Add(new OpenCollection(start.Style == SequenceStyle.Flow, IsSequence: true, start.Start));
        state.Next(parser);
        while (!state.Stopped && parser.Current is not SequenceEnd)
        {
            if (ReadNode(parser, state, depth + 1) is { } item)
                items.Add(item);
        }
        if (state.Stopped)
            return new YamlSequence(items, state.Span(start.Start, state.Progress.LastEnd));
        var end = parser.Current!;
        state.Leave(parser);
        return new YamlSequence(items, state.Span(start.Start, end.End));
    }

    private static YamlMapping ReadMapping(IParser parser, ReaderState state, int depth, MappingStart start)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        state.Open.Add(new OpenCollection(start.Style == MappingStyle.Flow, IsSequence: false, start.Start));
        state.Next(parser);
        var lastValueLine = -1L;
        while (!state.Stopped && parser.Current is not MappingEnd)
        {
            if (parser.Current is AnchorAlias glued && start.Style != MappingStyle.Flow && glued.Start.Line == lastValueLine)
            {
                // YamlDotNet reads "width: [1, 2]*a" as a key '*a' without a value; the events after it are unreliable.
                state.Abort(DiagnosticCatalog.YamlSyntax, glued, $"'*{glued.Value}' cannot follow the value on its line; remove it (aliases are not supported; share fields with 'base:')");
                break;
            }
            var keyNode = ReadNode(parser, state, depth + 1);
            if (state.Stopped)
                break;
            if (parser.Current is MappingEnd)
                break; // a key without even an empty value: YamlDotNet's reading of "[1] *a"; NFN017 already points at the alias
            var value = ReadNode(parser, state, depth + 1);
            if (keyNode is not YamlScalar key)
            {
                if (keyNode is not null && !state.Stopped)
                    state.Diagnostics.Add(DiagnosticCatalog.WrongType.At(keyNode.Span, $"a key must be a plain name, not {keyNode.Describe()}"));
                continue;
            }
            if (value is not null)
                entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
            lastValueLine = value?.Span.EndLine ?? -1;
        }
        if (state.Stopped)
            return new YamlMapping(entries, state.Span(start.Start, state.Progress.LastEnd));
        var end = parser.Current!;
        state.Leave(parser);
        return new YamlMapping(entries, state.Span(start.Start, end.End));
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
}
