namespace Nfnet.Dsl.Emit;

/// <summary>One generated C# file: the hint name the generator adds it under (and `nfnet emit` writes it as), and its text.</summary>
public sealed record GeneratedFile(string HintName, string Text);
