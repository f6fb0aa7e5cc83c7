using System;
using System.Collections.Generic;

namespace Nfnet.Imaging;

/// <summary>RGB bytes to the network's input layout: channel-first float32, each channel normalized.</summary>
public static class NormalizedChw
{
    /// <summary>
    /// Writes the s×s window at (left, top) of a size×size RGB image, optionally mirrored, as CHW floats
    /// (value/255 − mean[c]) / std[c] into <paramref name="destination"/> (3·s·s floats).
    /// </summary>
    public static void Write(byte[] rgb, int size, int left, int top, bool flip, int s, Span<float> destination, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (destination.Length != 3 * s * s) throw new ArgumentException($"Expected {3 * s * s} floats.", nameof(destination));
        mean ??= ImageNetNormalization.Mean;
        std ??= ImageNetNormalization.Std;
        // Read once: indexing an IReadOnlyList per value would cost an interface call for every float.
        Span<float> m = stackalloc float[] { mean[0], mean[1], mean[2] };
        Span<float> d = stackalloc float[] { std[0], std[1], std[2] };
        int plane = s * s;
        for (int y = 0; y < s; y++)
        {
            for (int x = 0; x < s; x++)
            {
                int sx = left + (flip ? s - 1 - x : x);
                int source = ((top + y) * size + sx) * 3;
                for (int c = 0; c < 3; c++)
                    destination[c * plane + y * s + x] = (rgb[source + c] / 255f - m[c]) / d[c];
            }
        }
    }
}
