using System.Collections.Generic;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Benchmarking;

/// <summary>One convolution of a network with the spatial size of its input (square).</summary>
public sealed record ConvCall(ConvPlan Conv, int InputSize)
{
    /// <summary>Multiply-accumulates per image.</summary>
    public long Macs => Conv.Macs(InputSize, InputSize);
}

/// <summary>Every convolution a network runs for one image size, in order, from its plan (no tracing needed).</summary>
public static class ConvWorkload
{
    /// <summary>
    /// The stem's convs, each block's shortcut conv, conv1, conv2, conv2b and conv3, and the final conv, with the input
    /// sizes the real network gives them; the same walk as <see cref="ModelPlan.Macs"/>.
    /// </summary>
    public static IReadOnlyList<ConvCall> Of(ModelPlan plan, int imageSize)
    {
        var calls = new List<ConvCall>();
        var size = imageSize;
        foreach (var conv in plan.Stem.Convs)
        {
            calls.Add(new ConvCall(conv, size));
            size = conv.OutputSize(size);
        }
        size = plan.Stem.OutputSize(imageSize);
        foreach (var block in plan.Blocks)
        {
            var output = Shapes.Strided(size, block.Stride);
            // The shortcut conv runs first, as in the block; it either carries the stride itself or runs after the average pool.
            if (block.Downsample is { } shortcut) calls.Add(new ConvCall(shortcut, shortcut.Stride > 1 ? size : output));
            calls.Add(new ConvCall(block.Conv1, size));
            calls.Add(new ConvCall(block.Conv2, size));
            if (block.Conv2b is { } conv2b) calls.Add(new ConvCall(conv2b, output));
            calls.Add(new ConvCall(block.Conv3, output));
            size = output;
        }
        if (plan.FinalConv is { } final) calls.Add(new ConvCall(final, size));
        return calls;
    }
}
