using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Imaging;

namespace Nfnet.Training.Data;

/// <summary>
/// The built-in data set: one coloured object per image (a shape or a striped/checkered patch) of random size,
/// position and colours on a random background, plus Gaussian pixel noise. Every image is computed from
/// (seed, split, index), so nothing is downloaded or stored and two runs with the same seed see the same data.
/// Labels cycle through the classes (index mod classes), so every class has the same number of samples ±1.
/// </summary>
public sealed class SyntheticShapes : IImageDataset
{
    /// <summary>All kinds of object the set can draw; the first <c>classes</c> are used.</summary>
    public static readonly IReadOnlyList<string> AllClassNames =
        new[] { "disk", "square", "horizontal-stripes", "vertical-stripes", "triangle", "cross", "ring", "checkerboard" };

    /// <summary>Standard deviation of the additive pixel noise (on the [0, 1] scale).</summary>
    public const double NoiseStd = 0.08;

    private readonly long _seed;
    private readonly long _split;

    /// <summary>Creates <paramref name="count"/> samples of <paramref name="classes"/> kinds; <paramref name="split"/> keys disjoint train/held-out sets.</summary>
    public SyntheticShapes(long seed, int count, int imageSize, int classes, long split)
    {
        if (classes < 2 || classes > AllClassNames.Count)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"The built-in set has 2 to {AllClassNames.Count} classes.");
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be positive.");
        if (imageSize < 8) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Must be at least 8.");
        _seed = seed;
        _split = split;
        Count = count;
        ImageSize = imageSize;
        ClassNames = AllClassNames.Take(classes).ToArray();
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public int ImageSize { get; }

    /// <inheritdoc/>
    public int LabelOf(int index) => index % ClassNames.Count;

    /// <inheritdoc/>
    public void Load(int index, Span<float> destination, SplitMix64? augmentation)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        int s = ImageSize;
        if (destination.Length != 3 * s * s) throw new ArgumentException($"Expected {3 * s * s} floats.", nameof(destination));

        var rng = SplitMix64.For(_seed, _split, index);
        var (background, foreground) = Colours(ref rng);
        double radius = rng.Uniform(0.18, 0.34) * s;
        double cx = rng.Uniform(radius, s - radius);
        double cy = rng.Uniform(radius, s - radius);
        int stripes = 2 + rng.NextInt(3);
        // The generator's state after the layout draws seeds the noise, so layout and noise never overlap.
        var noise = rng;
        // Mirroring keeps every class a class (all shapes are left-right symmetric), so it is the training augmentation.
        var aug = augmentation ?? default;
        bool flip = augmentation is not null && aug.NextDouble() < 0.5;

        string kind = AllClassNames[LabelOf(index)];
        int plane = s * s;
        for (int y = 0; y < s; y++)
        {
            for (int x = 0; x < s; x++)
            {
                int sx = flip ? s - 1 - x : x;
                double u = (sx + 0.5 - cx) / radius;
                double v = (y + 0.5 - cy) / radius;
                var colour = Inside(kind, u, v, stripes) ? foreground : background;
                for (int c = 0; c < 3; c++)
                {
                    double value = Math.Clamp(colour[c] + NoiseStd * noise.NextGaussian(), 0.0, 1.0);
                    destination[c * plane + y * s + x] = ImageNetNormalization.Normalize((float)value, c);
                }
            }
        }
    }

    /// <summary>Whether (u, v), in units of the object's radius from its centre, is on the object.</summary>
    internal static bool Inside(string kind, double u, double v, int stripes)
    {
        bool inSquare = Math.Abs(u) <= 0.85 && Math.Abs(v) <= 0.85;
        double r2 = u * u + v * v;
        return kind switch
        {
            "disk" => r2 <= 1.0,
            "square" => inSquare,
            "horizontal-stripes" => inSquare && Even((v + 0.85) / 1.7 * (2 * stripes)),
            "vertical-stripes" => inSquare && Even((u + 0.85) / 1.7 * (2 * stripes)),
            "triangle" => v >= -0.9 && v <= 0.8 && Math.Abs(u) <= (v + 0.9) * 0.55,
            "cross" => (Math.Abs(u) <= 0.3 && Math.Abs(v) <= 1.0) || (Math.Abs(v) <= 0.3 && Math.Abs(u) <= 1.0),
            "ring" => r2 <= 1.0 && r2 >= 0.36,
            "checkerboard" => inSquare && Even((u + 0.85) / 1.7 * stripes) == Even((v + 0.85) / 1.7 * stripes),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
        };
    }

    private static bool Even(double t) => ((int)Math.Floor(t) & 1) == 0;

    // One colour dark, the other light, either way round: the object always contrasts with the background.
    private static (double[] Background, double[] Foreground) Colours(ref SplitMix64 rng)
    {
        var dark = new[] { rng.Uniform(0.0, 0.4), rng.Uniform(0.0, 0.4), rng.Uniform(0.0, 0.4) };
        var light = new[] { rng.Uniform(0.6, 1.0), rng.Uniform(0.6, 1.0), rng.Uniform(0.6, 1.0) };
        return rng.NextDouble() < 0.5 ? (dark, light) : (light, dark);
    }
}
