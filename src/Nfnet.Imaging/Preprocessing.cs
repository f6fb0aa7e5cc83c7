using System;

namespace Nfnet.Imaging;

/// <summary>The evaluation preprocessing of a <see cref="PreprocessPreset"/>: a file or decoded image to CHW float32.</summary>
public static class Preprocessing
{
    /// <summary>Decodes <paramref name="path"/> and returns its 3·S·S normalized floats (CHW) for crop size <paramref name="size"/>.</summary>
    public static float[] Load(string path, int size, PreprocessPreset preset) => Apply(ImageDecoder.Decode(path), size, preset);

    /// <summary>The S×S RGB crop of <paramref name="image"/> (shorter side resized first), S·S·3 interleaved bytes.</summary>
    public static byte[] Crop(RgbImage image, int size, PreprocessPreset preset)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(preset);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Must be at least 1.");
        return ImageResize.ShorterSideThenCenterCrop(image.Pixels, image.Width, image.Height, preset.ShorterSide(size), size);
    }

    /// <summary>The 3·S·S normalized floats (CHW) of <paramref name="image"/> for crop size <paramref name="size"/>.</summary>
    public static float[] Apply(RgbImage image, int size, PreprocessPreset preset)
    {
        var crop = Crop(image, size, preset);
        var result = new float[3 * size * size];
        NormalizedChw.Write(crop, size, 0, 0, false, size, result, preset.Mean, preset.Std);
        return result;
    }
}
