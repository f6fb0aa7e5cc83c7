namespace Nfnet.Generators.Models;

/// <summary>A *.nfnet.yaml file's content. Null text: the file could not be read.</summary>
/// <param name="Path">The path as MSBuild gave it (absolute in a build), used for diagnostics' locations.</param>
internal sealed record SpecText(string Path, string? Text);

/// <summary>A spec ready to compile.</summary>
/// <param name="RelativePath">Relative to the spec root, '/'-separated: what hint names and headers show.</param>
internal sealed record SpecInput(string Path, string RelativePath, string? Text);
