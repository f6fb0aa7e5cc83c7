namespace Nfnet.Generators.Models;

/// <summary>Where a variant's name is written: its YAML key, or its [NfnetModel] class's identifier.</summary>
/// <param name="SourcePath">The spec or C# file as the compiler core names it: the plan's SourcePath.</param>
internal sealed record VariantName(string Name, string SourcePath, LocationInfo Location);
