using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Analysis.Spp;

/// <summary>A block with its place in the network, read from its state_dict prefix "stages.{stage}.{index}".</summary>
public sealed record NamedBlock(string Name, int Stage, int IndexInStage, NormFreeBlock Block)
{
    /// <summary>The first block of a stage, where DeepMind's expected variance resets.</summary>
    public bool IsTransition => IndexInStage == 0;
}

/// <summary>The stem and the blocks of a generated NFNet, found through its registered submodules.</summary>
public sealed record NetworkParts(NfStem Stem, IReadOnlyList<NamedBlock> Blocks)
{
    /// <summary>
    /// Walks <paramref name="model"/> as the generator names it (stem, stages.{s}.{b}); the generated fields are private,
    /// so this goes through named_modules, which lists modules in registration (= forward) order.
    /// </summary>
    public static NetworkParts Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NfStem? stem = null;
        var blocks = new List<NamedBlock>();
        foreach (var (name, module) in model.named_modules())
        {
            if (name == "stem" && module is NfStem nfStem)
                stem = nfStem;
            else if (module is NormFreeBlock block)
                blocks.Add(Parse(name, block));
        }
        if (stem is null || blocks.Count == 0)
            throw new ArgumentException("The model has no NfStem named 'stem' or no NormFreeBlock; is it a generated NFNet?", nameof(model));
        return new NetworkParts(stem, blocks);
    }

    private static NamedBlock Parse(string name, NormFreeBlock block)
    {
        var parts = name.Split('.');
        if (parts.Length != 3 || parts[0] != "stages"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stage)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new ArgumentException($"Block '{name}' is not named stages.{{stage}}.{{index}}.", nameof(name));
        return new NamedBlock(name, stage, index, block);
    }

    /// <summary>Activations in the stem: one after every conv but the last.</summary>
    public int StemActivations => Stem.Widths.Count - 1;
}
