using System.Collections.Generic;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Dsl.Syntax;

/// <summary>A YAML node that remembers exactly where it came from.</summary>
public abstract record YamlNode(SourceSpan Span)
{
    /// <summary>Words for error messages: "a number", "a list", "a mapping".</summary>
    public abstract string Describe();
}

/// <param name="IsPlain">False when quoted or a block scalar: such a value is always text, never a number.</param>
public sealed record YamlScalar(string Value, bool IsPlain, SourceSpan Span) : YamlNode(Span)
{
    public override string Describe() => IsPlain ? $"'{Value}'" : $"the text \"{Value}\"";
}

public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourceSpan Span) : YamlNode(Span)
{
    public override string Describe() => "a list";
}

public sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, SourceSpan Span) : YamlNode(Span)
{
    public override string Describe() => "a mapping";
}
