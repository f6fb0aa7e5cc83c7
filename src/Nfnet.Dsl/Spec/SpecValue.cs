using System.Collections.Generic;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Dsl.Spec;

/// <summary>A typed value of a spec key, with the span of the YAML node it came from.</summary>
public abstract record SpecValue(SourceSpan Span);

public sealed record IntegerValue(long Value, SourceSpan Span) : SpecValue(Span);

public sealed record NumberValue(double Value, SourceSpan Span) : SpecValue(Span);

public sealed record BooleanValue(bool Value, SourceSpan Span) : SpecValue(Span);

public sealed record TextValue(string Value, SourceSpan Span) : SpecValue(Span);

/// <param name="IsBroadcast">True when a single value was written for a per-stage key: it applies to every stage.</param>
public sealed record ListValue(IReadOnlyList<SpecValue> Items, bool IsBroadcast, SourceSpan Span) : SpecValue(Span);

/// <summary>A key that was written with a value that could not be read (already reported): present, so never "missing".</summary>
public sealed record InvalidValue(SourceSpan Span) : SpecValue(Span);
