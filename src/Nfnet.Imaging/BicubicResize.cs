using System;

namespace Nfnet.Imaging;

/// <summary>
/// PIL's bicubic resize of 8-bit RGB images, which torchvision (and so timm's evaluation transforms) use: the cubic
/// convolution kernel with a = −0.5, widened by the scale factor when shrinking (antialiasing), weights normalized
/// per output pixel and turned into 22-bit fixed point, a horizontal pass then a vertical one, each rounded and
/// clipped to bytes. Reproducing those steps is what makes an image resized here match PIL's to the byte.
/// </summary>
public static class BicubicResize
{
    /// <summary>The kernel's half-width in source pixels at scale 1.</summary>
    public const double Support = 2.0;

    /// <summary>PIL's bicubic parameter (Keys' a); OpenCV and some others use −0.75.</summary>
    public const double A = -0.5;

    // Pillow: PRECISION_BITS = 32 - 8 - 2.
    private const int PrecisionBits = 22;

    /// <summary>The cubic convolution kernel with a = −0.5.</summary>
    public static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1.0) return ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
        if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
        return 0.0;
    }

    /// <summary>Resizes interleaved RGB bytes (width×height×3) to outWidth×outHeight×3.</summary>
    public static byte[] Resize(byte[] rgb, int width, int height, int outWidth, int outHeight)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Length != width * height * 3) throw new ArgumentException("Expected width × height × 3 bytes.", nameof(rgb));
        if (outWidth < 1 || outHeight < 1) throw new ArgumentOutOfRangeException(nameof(outWidth), "The output needs at least one pixel.");
        var image = rgb;
        int w = width;
        if (outWidth != width)
        {
            image = Pass(image, width, height, outWidth, horizontal: true);
            w = outWidth;
        }
        if (outHeight != height)
            image = Pass(image, w, height, outHeight, horizontal: false);
        return ReferenceEquals(image, rgb) ? (byte[])rgb.Clone() : image;
    }

    /// <summary>
    /// For each output index along an axis of <paramref name="inSize"/>: the first source index and the fixed-point
    /// weights of the sources from there (Pillow's precompute_coeffs and normalize_coeffs_8bpc).
    /// </summary>
    public static (int Start, int[] Weights)[] Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        var result = new (int, int[])[outSize];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int min = Math.Max(0, (int)(center - support + 0.5));
            int max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
            var weights = new double[Math.Max(max, 0)];
            double total = 0;
            for (int x = 0; x < weights.Length; x++)
            {
                weights[x] = Kernel((x + min - center + 0.5) / filterScale);
                total += weights[x];
            }
            var fixedPoint = new int[weights.Length];
            for (int x = 0; x < weights.Length; x++)
            {
                double w = total != 0.0 ? weights[x] / total : weights[x];
                fixedPoint[x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            result[i] = (min, fixedPoint);
        }
        return result;
    }

    private static byte[] Pass(byte[] image, int width, int height, int outSize, bool horizontal)
    {
        var coefficients = Coefficients(horizontal ? width : height, outSize);
        int outWidth = horizontal ? outSize : width, outHeight = horizontal ? height : outSize;
        var output = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                var (start, weights) = coefficients[horizontal ? x : y];
                for (int c = 0; c < 3; c++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    for (int k = 0; k < weights.Length; k++)
                    {
                        int source = horizontal ? (y * width + start + k) * 3 + c : ((start + k) * width + x) * 3 + c;
                        sum += image[source] * weights[k];
                    }
                    output[(y * outWidth + x) * 3 + c] = Clip(sum);
                }
            }
        }
        return output;
    }

    private static byte Clip(int value) => value <= 0 ? (byte)0 : value >> PrecisionBits >= 255 ? (byte)255 : (byte)(value >> PrecisionBits);
}
