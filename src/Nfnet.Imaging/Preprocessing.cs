using System;

namespace Nfnet.Imaging;

/// <summary>The evaluation preprocessing of a <see cref="PreprocessPreset"/>: a file or decoded image to CHW float32.</summary>
public static class Preprocessing
{
    /// <summary>Decodes <paramref name="path"/> and returns its 3·S·S normalized floats (CHW) for crop size <paramref name="size"/>.</summary>
    public static float[] Load(string path, int size, PreprocessPreset preset) => Apply(ImageDecoder.Decode(path), size, preset);

    /// <summary>The S×S RGB crop of <paramref name="image"/> (resized first), S·S·3 interleaved bytes.</summary>
    public static byte[] Crop(RgbImage image, int size, PreprocessPreset preset)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ResizeAndCrop(image.Pixels, image.Width, image.Height, size, preset);
    }

    /// <summary>size×size×3 bytes from interleaved RGB bytes (width×height×3): the preset's resize, then its centre crop.</summary>
    public static byte[] ResizeAndCrop(byte[] rgb, int width, int height, int size, PreprocessPreset preset)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(preset);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Must be at least 1.");
        int scale = preset.ScaleSize(size);
        if (preset.CropPct is null)
            return ImageResize.ShorterSideThenCenterCrop(rgb, width, height, scale, size);
        int w, h;
        if (preset.CropMode == CropMode.Squash)
            (w, h) = (scale, scale);
        else if (width <= height)
            (w, h) = (scale, (int)((long)scale * height / width)); // torchvision: int(size * long / short)
        else
            (w, h) = ((int)((long)scale * width / height), scale);
        return TorchvisionCenterCrop(BicubicResize.Resize(rgb, width, height, w, h), w, h, size);
    }

    /// <summary>The 3·S·S normalized floats (CHW) of <paramref name="image"/> for crop size <paramref name="size"/>.</summary>
    public static float[] Apply(RgbImage image, int size, PreprocessPreset preset)
    {
        var crop = Crop(image, size, preset);
        var result = new float[3 * size * size];
        NormalizedChw.Write(crop, size, 0, 0, false, size, result, preset.Mean, preset.Std);
        return result;
    }

    // torchvision's center_crop offsets: round((dimension − crop) / 2), halves to even.
    private static byte[] TorchvisionCenterCrop(byte[] rgb, int width, int height, int size)
    {
        int top = (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven);
        var output = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            Array.Copy(rgb, ((top + y) * width + left) * 3, output, y * size * 3, size * 3);
        return output;
    }
}
