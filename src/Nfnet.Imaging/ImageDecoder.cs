using System;
using System.IO;
using StbImageSharp;

namespace Nfnet.Imaging;

/// <summary>An image as interleaved 8-bit RGB, row-major: pixel (x, y) channel c is at <c>(y·Width + x)·3 + c</c>.</summary>
public sealed record RgbImage(byte[] Pixels, int Width, int Height);

/// <summary>Decodes PNG, JPEG and BMP files (StbImageSharp, managed code); grey and alpha images become RGB.</summary>
public static class ImageDecoder
{
    /// <summary>Decodes <paramref name="path"/>; throws <see cref="InvalidDataException"/> for a file that is not a decodable image.</summary>
    public static RgbImage Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        ImageResult? image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        }
        // StbImageSharp reports corrupt data with plain Exceptions (and truncated files with index errors).
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a decodable image ({e.Message})", e);
        }
        if (image is null) throw new InvalidDataException($"{path}: not a decodable image");
        return new RgbImage(image.Data, image.Width, image.Height);
    }
}
