using System;

namespace Nfnet.Dsl.Diagnostics;

/// <summary>One problem found in a spec, with its stable code and the exact span of the offending node.</summary>
public sealed record SpecDiagnostic(string Code, Severity Severity, string Message, SourceSpan Span)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>The MSBuild canonical form: <c>path(line,col): error NFN004: message</c>.</summary>
    public string ToCanonicalString(string? displayPath = null) =>
        FormattableString.Invariant(
            $"{displayPath ?? Span.Path}({Span.Line},{Span.Column}): {Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" }} {Code}: {Message}");

    public override string ToString() => ToCanonicalString();
}
