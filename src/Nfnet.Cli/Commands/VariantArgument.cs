using System;
using System.CommandLine;
using System.Linq;
using Nfnet.Models;

namespace Nfnet.Cli.Commands;

/// <summary>The `&lt;variant&gt;` argument of the commands that build a generated model (inspect, spp).</summary>
public static class VariantArgument
{
    public static Argument<string> Create() => new("variant")
    {
        Description = $"A generated variant: {string.Join(", ", NfnetZoo.Variants.Select(v => v.Name))}.",
    };

    /// <summary>The variant's headline numbers, or null after telling the user which names exist.</summary>
    public static NfnetZoo.VariantInfo? Find(CliContext context, string name)
    {
        var info = NfnetZoo.Variants.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));
        if (info is null)
            context.Error.WriteLine($"nfnet: unknown variant '{name}'; known variants: {string.Join(", ", NfnetZoo.Variants.Select(v => v.Name))}");
        return info;
    }
}
