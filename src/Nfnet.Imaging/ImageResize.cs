using System;

namespace Nfnet.Imaging;

/// <summary>
/// The paper's evaluation geometry on interleaved RGB bytes: scale so the shorter side is a given length, then cut
/// the centred square. Resampling is separable with a triangle (bilinear) filter widened by the downscale factor, so
/// shrinking large photos averages every source pixel instead of aliasing (as PIL's and torchvision's antialiased
/// bilinear do).
/// </summary>
public static class ImageResize
{
    /// <summary>Returns crop×crop×3 bytes: <paramref name="rgb"/> (width×height×3) scaled to shorter side <paramref name="shorterSide"/>, centre-cropped.</summary>
    public static byte[] ShorterSideThenCenterCrop(byte[] rgb, int width, int height, int shorterSide, int crop)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Length != width * height * 3) throw new ArgumentException("Expected width × height × 3 bytes.", nameof(rgb));
        if (crop > shorterSide) throw new ArgumentOutOfRangeException(nameof(crop), crop, "The crop cannot exceed the shorter side.");
        double scale = (double)shorterSide / Math.Min(width, height);
        int scaledWidth = Math.Max(crop, (int)Math.Round(width * scale));
        int scaledHeight = Math.Max(crop, (int)Math.Round(height * scale));
        int left = (scaledWidth - crop) / 2;
        int top = (scaledHeight - crop) / 2;

        // Horizontal pass over every source row, only for the output columns inside the crop.
        var columns = Weights(width, scaledWidth, left, crop);
        var rows = Weights(height, scaledHeight, top, crop);
        var horizontal = new float[height * crop * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < crop; x++)
            {
                var (start, weights) = columns[x];
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    int source = (y * width + start + k) * 3;
                    r += weights[k] * rgb[source];
                    g += weights[k] * rgb[source + 1];
                    b += weights[k] * rgb[source + 2];
                }
                int target = (y * crop + x) * 3;
                horizontal[target] = r;
                horizontal[target + 1] = g;
                horizontal[target + 2] = b;
            }
        }

        var output = new byte[crop * crop * 3];
        for (int y = 0; y < crop; y++)
        {
            var (start, weights) = rows[y];
            for (int x = 0; x < crop; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    float sum = 0;
                    for (int k = 0; k < weights.Length; k++) sum += weights[k] * horizontal[((start + k) * crop + x) * 3 + c];
                    output[(y * crop + x) * 3 + c] = (byte)Math.Clamp((int)Math.Round(sum), 0, 255);
                }
            }
        }
        return output;
    }

    // For each output index in [offset, offset + count) of a length-`scaled` axis: the first source index and the
    // normalized filter weights over source length `source`.
    private static (int Start, float[] Weights)[] Weights(int source, int scaled, int offset, int count)
    {
        double scale = (double)scaled / source;
        double support = scale < 1.0 ? 1.0 / scale : 1.0;
        var result = new (int, float[])[count];
        for (int i = 0; i < count; i++)
        {
            double centre = (i + offset + 0.5) / scale;
            int start = Math.Max(0, (int)Math.Floor(centre - support));
            int end = Math.Min(source, (int)Math.Ceiling(centre + support));
            var weights = new float[Math.Max(1, end - start)];
            double total = 0;
            for (int k = 0; k < end - start; k++)
            {
                double w = Math.Max(0.0, 1.0 - Math.Abs((start + k + 0.5 - centre) / support));
                weights[k] = (float)w;
                total += w;
            }
            if (total <= 0)
            {
                // Degenerate window (a 1-pixel source axis): take the nearest pixel.
                start = Math.Clamp((int)centre, 0, source - 1);
                weights = new[] { 1f };
            }
            else
            {
                for (int k = 0; k < weights.Length; k++) weights[k] = (float)(weights[k] / total);
            }
            result[i] = (start, weights);
        }
        return result;
    }
}
