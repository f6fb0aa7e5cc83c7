namespace Nfnet.Cli;

/// <summary>One spec file to compile: where it is, and how diagnostics and summaries name it.</summary>
/// <param name="DisplayPath">Relative to the working directory, with '/' separators on every OS.</param>
public sealed record SpecSource(string FullPath, string DisplayPath);
