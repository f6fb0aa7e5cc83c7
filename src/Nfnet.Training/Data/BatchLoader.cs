using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using static TorchSharp.torch;

namespace Nfnet.Training.Data;

/// <summary>Turns data set samples into [B, 3, S, S] float tensors and [B] int64 labels.</summary>
public static class BatchLoader
{
    /// <summary>
    /// The sample order of one training epoch: a permutation keyed by (seed, epoch) only, so a resumed run
    /// recomputes exactly the order the interrupted run was following.
    /// </summary>
    public static int[] EpochOrder(int count, long seed, long epoch) => SplitMix64.For(seed, 0x0A11CE, epoch).Permutation(count);

    /// <summary>
    /// Loads <paramref name="indices"/> as one batch. <paramref name="augmentationKey"/> (e.g. the global step) keys
    /// each sample's augmentation; null loads the evaluation view. Samples are decoded in parallel.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Load(IImageDataset dataset, IReadOnlyList<int> indices, long seed, long? augmentationKey, Device device)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        int s = dataset.ImageSize;
        int sampleSize = 3 * s * s;
        var pixels = new float[indices.Count * sampleSize];
        var labels = new long[indices.Count];
        Parallel.For(0, indices.Count, i =>
        {
            SplitMix64? augmentation = augmentationKey is { } key ? SplitMix64.For(seed ^ 0x5EED, key, indices[i]) : null;
            dataset.Load(indices[i], pixels.AsSpan(i * sampleSize, sampleSize), augmentation);
            labels[i] = dataset.LabelOf(indices[i]);
        });
        var images = tensor(pixels, new long[] { indices.Count, 3, s, s });
        var labelTensor = tensor(labels);
        if (device.type == TorchSharp.DeviceType.CPU) return (images, labelTensor);
        using (images)
        using (labelTensor)
            return (images.to(device), labelTensor.to(device));
    }
}
