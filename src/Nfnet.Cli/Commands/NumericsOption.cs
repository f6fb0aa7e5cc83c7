using System.CommandLine;

namespace Nfnet.Cli.Commands;

/// <summary>`--numerics deepmind|timm|spec`: one definition for every command that builds a model.</summary>
public static class NumericsOption
{
    public static Option<string?> Create(string fallback) => new Option<string?>("--numerics")
    {
        Description = "Numerics to compute with: 'deepmind' (WS epsilon clamped, tanh GELU; DeepMind's checkpoints), 'timm' "
                      + "(WS epsilon added, exact GELU; timm's checkpoints) or 'spec' (the variant's own). Padding stays the variant's. "
                      + $"Default: {fallback}.",
    }.AcceptOnlyFromAmong("deepmind", "timm", "spec");
}
