using System.Collections.Generic;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nfnet.Dsl.Syntax;

/// <summary>A list or mapping the reader has entered and not yet left.</summary>
/// <param name="IsFlow">Written with brackets ('[...]', '{...}') rather than by indentation.</param>
/// <param name="Start">The bracket, or a block collection's first '-' or key.</param>
internal sealed record OpenCollection(bool IsFlow, bool IsSequence, Mark Start)
{
    public string Noun => IsSequence ? "list" : "mapping";

    public char Opener => IsSequence ? '[' : '{';

    public char Closer => IsSequence ? ']' : '}';
}

/// <summary>
/// How far the reader got when YAML's parser failed: the collections still open, the last event read and the last
/// explicit '...'. YamlDotNet's errors have no context marks, and some carry no position at all; this is where a
/// syntax error's message finds its "opened at line 3, column 12".
/// </summary>
internal sealed class ReadProgress
{
    public List<OpenCollection> Open { get; } = [];

    /// <summary>Where the last event the parser delivered ends: the furthest point known to be read.</summary>
    public Mark LastEnd { get; set; } = Mark.Empty;

    /// <summary>The last '...' document end marker, if the text has one before the failure.</summary>
    public Mark? ExplicitDocumentEnd { get; set; }

    /// <summary>The first event of the document's content: its top-level mapping, or whatever stands in its place.</summary>
    public ParsingEvent? Root { get; set; }

    public OpenCollection? InnermostFlow => Open.LastOrDefault(c => c.IsFlow);

    public OpenCollection? InnermostBlock(bool sequence) => Open.LastOrDefault(c => !c.IsFlow && c.IsSequence == sequence);

    /// <summary>The block collection a flow collection sits in: its lines must be indented past this one's column.</summary>
    public OpenCollection? BlockAround(OpenCollection flow) =>
        Open.Take(Open.IndexOf(flow)).LastOrDefault(c => !c.IsFlow);
}
