using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Analysis.Inspect;
using Nfnet.Analysis.Text;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Analysis.Diff;

/// <summary>One thing a reviewer reads about a variant, named like the spec key it comes from ("testImageSize", "stages.2.depth").</summary>
public sealed record PlanFact(string Key, string Value);

/// <summary>
/// A plan as the facts a diff compares: the variant's settings as the spec names them, then each stage's width, depth,
/// stride, groups, mid width, attention, parameters and MACs at the test size (from <see cref="LayerTable"/>).
/// </summary>
public static class PlanFacts
{
    public static IReadOnlyList<PlanFact> Of(ModelPlan plan)
    {
        System.ArgumentNullException.ThrowIfNull(plan);
        var facts = new List<PlanFact>
        {
            new("className", plan.ClassName),
            new("namespace", plan.Namespace),
            new("description", plan.Description),
            new("activation", plan.Activation),
            new("alpha", Number(plan.Alpha)),
            new("numerics", $"wsEpsilon {Lower(plan.Numerics.WsEpsilon)}, gelu {Lower(plan.Numerics.Gelu)}, padding {Lower(plan.Numerics.Padding)}, "
                            + $"stochasticDepth {Lower(plan.Numerics.StochasticDepth)}"),
            new("block", $"{Lower(plan.Parts.Kind)}{(plan.Parts.ExtraConv ? " with conv2b" : "")}, shortcut {Lower(plan.Parts.Shortcut)}, "
                         + $"zeroInit {Lower(plan.Parts.ZeroInit)}, gammaPlacement {Lower(plan.Parts.GammaPlacement)}"),
            new("stem", Stem(plan.Stem)),
            new("finalConv", plan.FinalConv is { } final ? $"1×1 {final.InChannels}→{final.OutChannels}" : "none"),
            new("numClasses", Integer(plan.NumClasses)),
            new("dropRate", Number(plan.DropRate)),
            new("stochasticDepthRate", Number(plan.StochasticDepthRate)),
            new("trainImageSize", Integer(plan.TrainImageSize)),
            new("testImageSize", Integer(plan.TestImageSize)),
        };
        var table = LayerTable.Of(plan, plan.TestImageSize);
        foreach (var stage in plan.Stages)
        {
            var prefix = $"stages.{stage.Index}";
            var first = stage.Blocks[0];
            var row = table.Rows.Single(r => r.Module == prefix);
            facts.Add(new($"{prefix}.width", Integer(stage.Width)));
            facts.Add(new($"{prefix}.depth", Integer(stage.Depth)));
            facts.Add(new($"{prefix}.stride", Integer(stage.Stride)));
            facts.Add(new($"{prefix}.groups", Integer(first.Groups)));
            facts.Add(new($"{prefix}.midChannels", Integer(first.MidChannels)));
            facts.Add(new($"{prefix}.attention", Attention(first.Attention)));
            facts.Add(new($"{prefix}.parameters", Quantities.Exact(row.Parameters)));
            facts.Add(new($"{prefix}.macs", Quantities.Short(row.Macs)));
        }
        return facts;
    }

    private static string Stem(StemPlan stem) =>
        string.Join(", ", stem.Convs.Select(c => $"{c.Kernel}×{c.Kernel}{(c.Stride > 1 ? $" /{c.Stride}" : "")} {c.InChannels}→{c.OutChannels}"))
        + (stem.MaxPool ? " + max-pool" : "");

    private static string Attention(AttentionPlan? attention) => attention switch
    {
        null => "none",
        { Kind: AttentionKind.Eca } => $"ECA k={attention.KernelSize} ({Lower(attention.Place)})",
        _ => $"SE hidden {attention.HiddenChannels} {attention.HiddenActivation}, gain {Number(attention.Gain)} ({Lower(attention.Place)})",
    };

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Lower<T>(T value) where T : struct, System.Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
