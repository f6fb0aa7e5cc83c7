using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Dsl.Spec;

/// <summary>A value with the span to blame when it is wrong (its own node, or the variant's name for a default).</summary>
public readonly record struct Located<T>(T Value, SourceSpan Span);
