using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Generators.Models;

/// <summary>
/// A value-equatable stand-in for <see cref="Location"/>, which must not cross pipeline steps: a source location
/// roots its syntax tree and compares by reference.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>
    /// An external-file location: for a YAML spec that is the only kind there is, and MSBuild prints it as
    /// <c>path(line,col)</c>. Attribute diagnostics use it too, since their syntax tree cannot be carried here.
    /// </summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>The compiler core's 1-based line and column become Roslyn's 0-based positions.</summary>
    public static LocationInfo From(SourceSpan span) => new(
        span.Path,
        new TextSpan(span.Start, span.Length),
        new LinePositionSpan(
            new LinePosition(span.Line - 1, span.Column - 1),
            new LinePosition(span.EndLine - 1, span.EndColumn - 1)));

    public static LocationInfo StartOf(string path) => new(path, default, default);
}
