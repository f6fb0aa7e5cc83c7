using System;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Cli.Commands;

/// <summary>The image sizes a network can take.</summary>
public static class ImageSizes
{
    /// <summary>
    /// Throws (a usage error) when <paramref name="size"/> is below the plan's total stride: the last stage would see
    /// less than one pixel of the image, so the run would measure padding rather than the network.
    /// </summary>
    public static void Check(int size, ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (size < plan.TotalStride)
            throw new ArgumentException($"--image-size {size} is smaller than {plan.Name}'s total stride {plan.TotalStride}; use at least {plan.TotalStride}");
    }
}
