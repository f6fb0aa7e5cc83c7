using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Analysis.Inspect;

/// <summary>
/// A torchinfo-style table of one variant at one image size, from its <see cref="ModelPlan"/> alone (no tensors, so
/// F7+ costs nothing): every module in forward order with its output shape, parameters and MACs, the stem and each stage
/// with the subtotals of what they hold, and the totals, which are the plan's <see cref="ModelPlan.ParameterCount"/> and
/// <see cref="ModelPlan.Macs"/>.
/// </summary>
public sealed class LayerTable
{
    /// <summary>The deepest level: the convs, attention and skip gain inside each block.</summary>
    public const int MaxDepth = 3;

    private LayerTable(ModelPlan plan, int imageSize, IReadOnlyList<LayerRow> rows)
    {
        Plan = plan;
        ImageSize = imageSize;
        Rows = rows;
    }

    public ModelPlan Plan { get; }

    /// <summary>Height and width of the (square) input image.</summary>
    public int ImageSize { get; }

    /// <summary>Every row at every depth, in forward order; a parent comes before its children.</summary>
    public IReadOnlyList<LayerRow> Rows { get; }

    /// <summary>The rows down to <paramref name="depth"/> (1..<see cref="MaxDepth"/>).</summary>
    public IEnumerable<LayerRow> UpTo(int depth) => Rows.Where(r => r.Depth <= depth);

    /// <summary>The sum over the depth-1 rows, which hold everything once.</summary>
    public long TotalParameters => UpTo(1).Sum(r => r.Parameters);

    /// <summary>The sum over the depth-1 rows, which hold everything once.</summary>
    public long TotalMacs => UpTo(1).Sum(r => r.Macs);

    /// <summary>The table of <paramref name="plan"/> for a square <paramref name="imageSize"/>×<paramref name="imageSize"/> input.</summary>
    public static LayerTable Of(ModelPlan plan, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (imageSize < 1) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "an image has at least one pixel");
        var rows = new List<LayerRow>();
        int size = AddStem(rows, plan.Stem, imageSize);
        foreach (var stage in plan.Stages)
            size = AddStage(rows, stage, size);
        if (plan.FinalConv is { } final)
            rows.Add(new LayerRow(final.Name, ConvKind(final), 1, [final.OutChannels, size, size], final.ParameterCount, final.Macs(size, size)));
        rows.Add(new LayerRow("head", HeadKind(plan), 1, [plan.NumClasses], plan.HeadParameterCount, (long)plan.NumFeatures * plan.NumClasses));
        return new LayerTable(plan, imageSize, rows);
    }

    private static int AddStem(List<LayerRow> rows, StemPlan stem, int imageSize)
    {
        var children = new List<LayerRow>();
        int size = imageSize;
        foreach (var conv in stem.Convs)
        {
            var macs = conv.Macs(size, size);
            size = conv.OutputSize(size);
            children.Add(new LayerRow(conv.Name, ConvKind(conv), 2, [conv.OutChannels, size, size], conv.ParameterCount, macs));
        }
        if (stem.MaxPool)
        {
            size = Shapes.Strided(size, 2);
            children.Add(new LayerRow("stem.pool", "max-pool 3×3 /2", 2, [stem.OutChannels, size, size], 0, 0));
        }
        var kind = $"stem, {Count(stem.Convs.Count, "conv")}{(stem.MaxPool ? " + max-pool" : "")}";
        rows.Add(new LayerRow("stem", kind, 1, [stem.OutChannels, size, size], children.Sum(c => c.Parameters), children.Sum(c => c.Macs)));
        rows.AddRange(children);
        return size;
    }

    private static int AddStage(List<LayerRow> rows, StagePlan stage, int size)
    {
        var children = new List<LayerRow>();
        foreach (var block in stage.Blocks)
        {
            var parts = BlockParts(block, size);
            size = Shapes.Strided(size, block.Stride);
            children.Add(new LayerRow(block.Name, BlockKind(block), 2, [block.OutChannels, size, size], parts.Sum(p => p.Parameters), parts.Sum(p => p.Macs)));
            children.AddRange(parts);
        }
        var kind = $"stage, {Count(stage.Depth, "block")}{(stage.Stride > 1 ? $", stride {stage.Stride}" : "")}";
        var blocks = children.Where(c => c.Depth == 2).ToList();
        rows.Add(new LayerRow($"stages.{stage.Index}", kind, 1, [stage.Width, size, size], blocks.Sum(b => b.Parameters), blocks.Sum(b => b.Macs)));
        rows.AddRange(children);
        return size;
    }

    /// <summary>A block's parts in forward order; their sums are <see cref="BlockPlan.ParameterCount"/> and <see cref="BlockPlan.Macs"/>.</summary>
    private static List<LayerRow> BlockParts(BlockPlan block, int size)
    {
        int outSize = Shapes.Strided(size, block.Stride);
        var parts = new List<LayerRow>();
        void Conv(ConvPlan conv, int inSize) =>
            parts.Add(new LayerRow(conv.Name, ConvKind(conv), 3, [conv.OutChannels, conv.OutputSize(inSize), conv.OutputSize(inSize)], conv.ParameterCount,
                conv.Macs(inSize, inSize)));
        void Attention(AttentionPlan attention) =>
            parts.Add(new LayerRow($"{block.Name}.{attention.ModuleName}", AttentionKind(attention), 3, [attention.Channels, outSize, outSize],
                attention.ParameterCount, attention.Macs));

        Conv(block.Conv1, size);
        Conv(block.Conv2, size);
        if (block.Conv2b is { } conv2b) Conv(conv2b, outSize);
        if (block.Attention is { Place: AttentionPlace.Mid } mid) Attention(mid);
        Conv(block.Conv3, outSize);
        if (block.Attention is { Place: AttentionPlace.Last } last) Attention(last);
        if (block.Downsample is { } shortcut)
        {
            // Pooled first (AvgPool shortcut) or strided itself: either way the 1×1 conv runs at the output resolution.
            parts.Add(new LayerRow(shortcut.Name, ShortcutKind(block, shortcut), 3, [shortcut.OutChannels, outSize, outSize], shortcut.ParameterCount,
                shortcut.WeightCount * outSize * outSize));
        }
        if (block.HasSkipinitGain)
            parts.Add(new LayerRow($"{block.Name}.skipinit_gain", "skip gain (scalar, 0 at init)", 3, [], 1, 0));
        return parts;
    }

    private static string ConvKind(ConvPlan conv) =>
        $"conv {conv.Kernel}×{conv.Kernel}{(conv.Stride > 1 ? $" /{conv.Stride}" : "")} {conv.InChannels}→{conv.OutChannels}"
        + (conv.Groups > 1 ? $", {conv.Groups} groups" : "");

    private static string BlockKind(BlockPlan block) =>
        $"{(block.Parts.Kind == Dsl.Lowering.BlockKind.RegNet ? "regnet block" : "bottleneck")} {block.InChannels}→{block.OutChannels}"
        + (block.Stride > 1 ? $" /{block.Stride}" : "") + $", mid {block.MidChannels}";

    private static string AttentionKind(AttentionPlan attention) => attention.Kind == Dsl.Lowering.AttentionKind.Eca
        ? $"ECA, k={attention.KernelSize}"
        : $"squeeze-excite {attention.Channels}→{attention.HiddenChannels}→{attention.Channels}";

    private static string ShortcutKind(BlockPlan block, ConvPlan conv) =>
        block.Parts.Shortcut == Dsl.Lowering.ShortcutKind.AvgPool && block.Stride > 1
            ? $"avg-pool 2×2 /{block.Stride} + conv 1×1 {conv.InChannels}→{conv.OutChannels}"
            : ConvKind(conv);

    private static string HeadKind(ModelPlan plan) =>
        $"avg-pool{(plan.DropRate > 0 ? $", dropout {plan.DropRate.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)}" : "")}, "
        + $"fc {plan.NumFeatures}→{plan.NumClasses}";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
