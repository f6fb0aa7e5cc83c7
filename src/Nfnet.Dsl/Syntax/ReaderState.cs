using System;
using System.Collections.Generic;
using Nfnet.Dsl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nfnet.Dsl.Syntax;

/// <summary>One read of a spec by <see cref="YamlReader"/>: where it is, what it found, and why it stopped.</summary>
internal sealed class ReaderState(string path, List<SpecDiagnostic> diagnostics, int offset)
{
    public List<SpecDiagnostic> Diagnostics { get; } = diagnostics;

    public int NodeCount;

    /// <summary>A limit was hit (reported): nothing read is to be used.</summary>
    public bool Aborted { get; private set; }

    /// <summary>The exception YamlDotNet threw: a syntax error, reported once reading has unwound.</summary>
    public Exception? Failure { get; private set; }

    public bool Stopped => Aborted || Failure is not null;

    public ReadProgress Progress { get; } = new();

    public List<OpenCollection> Open => Progress.Open;

    /// <summary>
    /// Moves to the next event, remembering how far the text has been read. YamlDotNet's exceptions stop the read here,
    /// with every open collection still on <see cref="Open"/>, so the readers above return what they have.
    /// </summary>
    public bool Next(IParser parser)
    {
        if (Stopped)
            return false;
        try
        {
            if (!parser.MoveNext())
                return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(e);
            return false;
        }
        Progress.LastEnd = parser.Current!.End;
        return true;
    }

    public void Fail(Exception exception) => Failure ??= exception;

    /// <summary>Moves past a collection's end event: the collection is no longer open.</summary>
    public void Leave(IParser parser)
    {
        Open.RemoveAt(Open.Count - 1);
        Next(parser);
    }

    public SourceSpan Span(Mark start, Mark end)
    {
        var startIndex = (int)Math.Min(start.Index + offset, int.MaxValue);
        var endIndex = (int)Math.Min(Math.Max(end.Index, start.Index) + offset, int.MaxValue);
        var endMark = end.Index >= start.Index ? end : start;
        return new SourceSpan(path, startIndex, endIndex - startIndex,
            (int)start.Line, (int)start.Column, (int)endMark.Line, (int)endMark.Column);
    }

    public void Report(DiagnosticKind kind, Mark start, Mark end, string message) =>
        Diagnostics.Add(kind.At(Span(start, end), message));

    public void Abort(DiagnosticKind kind, ParsingEvent at, string message)
    {
        Report(kind, at.Start, at.End, message);
        Aborted = true;
    }
}
