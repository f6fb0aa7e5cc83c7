using System;
using System.IO;

namespace Nfnet.Training.Data;

/// <summary>The train and held-out sets a --data value names.</summary>
public sealed record DataSplit(IImageDataset Train, IImageDataset HeldOut, string Description);

/// <summary>Opens --data: "synthetic" for the built-in set, or a folder in ImageFolder layout.</summary>
public static class DataSets
{
    /// <summary>The --data value of the built-in set.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Opens the data for training at <paramref name="imageSize"/>.</summary>
    public static DataSplit Open(string data, int imageSize, long seed, int syntheticClasses, int syntheticTrainCount, int syntheticHeldOutCount,
        double heldOutFraction, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.Equals(data, Synthetic, StringComparison.OrdinalIgnoreCase))
        {
            var train = new SyntheticShapes(seed, syntheticTrainCount, imageSize, syntheticClasses, split: 1);
            var heldOut = new SyntheticShapes(seed, syntheticHeldOutCount, imageSize, syntheticClasses, split: 2);
            return new DataSplit(train, heldOut, $"built-in synthetic shapes ({syntheticClasses} classes: {string.Join(", ", train.ClassNames)})");
        }
        if (!Directory.Exists(data)) throw new DirectoryNotFoundException($"--data '{data}': no such folder (use '{Synthetic}' for the built-in set)");
        var folder = ImageFolder.Scan(data, heldOutFraction, seed, warnings);
        return new DataSplit(folder.Train(imageSize), folder.HeldOut(imageSize), $"{data} ({folder.ClassNames.Count} classes)");
    }
}
