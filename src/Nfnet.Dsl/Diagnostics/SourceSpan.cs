namespace Nfnet.Dsl.Diagnostics;

/// <summary>
/// Where a node sits in a spec file: a 0-based character offset and length, plus 1-based line and column
/// of its start and end (the numbers an editor and MSBuild show).
/// </summary>
public readonly record struct SourceSpan(string Path, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The start of a file: where diagnostics about the file as a whole point.</summary>
    public static SourceSpan StartOf(string path) => new(path, 0, 0, 1, 1, 1, 1);

    public override string ToString() => $"{Path}({Line},{Column})";
}
