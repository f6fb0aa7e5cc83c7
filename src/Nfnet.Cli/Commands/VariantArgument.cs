using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Nfnet.Dsl;
using Nfnet.Dsl.Lowering;
using Nfnet.Models;
using Nfnet.Training.Models;

namespace Nfnet.Cli.Commands;

/// <summary>
/// The variant a command names (`inspect F0`, `spp F0`, `train --variant F0`): one lookup, so every command accepts
/// the same exact names and rejects a wrong one with the same message, suggestion and exit code (2).
/// </summary>
public static class VariantArgument
{
    public static Argument<string> Create() => new("variant")
    {
        Description = $"A variant of --spec, or a built-in one: {string.Join(", ", NfnetZoo.Variants.Select(v => v.Name))}.",
    };

    /// <summary>
    /// The plan of <paramref name="name"/> in the built-in spec, or in <paramref name="specPath"/> when given; null
    /// after reporting an unknown name. A spec that is missing or has errors throws (FileNotFoundException,
    /// SpecException with the canonical diagnostics), which the commands report as input errors.
    /// </summary>
    public static ModelPlan? FindPlan(CliContext context, string name, string? specPath)
    {
        if (specPath is not null && !File.Exists(specPath))
            throw new FileNotFoundException($"--spec '{specPath}': no such file", specPath);
        return FindPlan(context, name, specPath is null ? ModelSpecs.BuiltIn() : ModelSpecs.FromFile(specPath));
    }

    /// <summary>The plan of <paramref name="name"/> among <paramref name="plans"/>; null after reporting an unknown name.</summary>
    public static ModelPlan? FindPlan(CliContext context, string name, IReadOnlyList<ModelPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return Resolve(context, name, plans.Select(p => p.Name).ToList()) is { } found ? plans.First(p => p.Name == found) : null;
    }

    /// <summary>
    /// <paramref name="name"/> when it is one of <paramref name="known"/> (exactly: 'f0' is not 'F0', as in the spec
    /// and the generated class names); otherwise null after writing the closest name and the whole list to stderr.
    /// </summary>
    public static string? Resolve(CliContext context, string name, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(known);
        if (known.Contains(name, StringComparer.Ordinal))
            return name;
        var suggestion = Suggestions.Closest(name, known);
        var hint = suggestion is null ? "." : $"; did you mean '{suggestion}'?";
        context.Error.WriteLine($"nfnet: unknown variant '{name}'{hint} Known variants: {string.Join(", ", known)}");
        return null;
    }
}
