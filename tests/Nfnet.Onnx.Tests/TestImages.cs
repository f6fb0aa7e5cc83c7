using System.IO;
using SkiaSharp;

namespace Nfnet.Onnx.Tests;

/// <summary>Small PNG and JPEG files with seeded noisy content (not square, so resizing and cropping both matter).</summary>
internal static class TestImages
{
    public static string Write(string path, int width, int height, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var random = new System.Random(seed);
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)random.Next(256), (byte)(y * 255 / height)));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
