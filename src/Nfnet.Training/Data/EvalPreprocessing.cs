using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Lowering;
using ImageNetNormalization = Nfnet.Imaging.ImageNetNormalization;
using ImageResize = Nfnet.Imaging.ImageResize;

namespace Nfnet.Training.Data;

/// <summary>Whose evaluation preprocessing to reproduce.</summary>
public enum PreprocessPreset
{
    /// <summary>DeepMind's resize_crop_32: shorter side to S + 32 (antialiased bilinear), centre crop S, ImageNet mean/std.</summary>
    DeepMind,

    /// <summary>timm's for its pretrained weights: the variant's crop_pct and crop mode, bicubic, the variant's mean/std.</summary>
    Timm,
}

/// <summary>
/// How an evaluation image becomes the network's input: resize and crop (interleaved RGB bytes to size×size), then
/// per-channel normalization. <see cref="ForPlan"/> reads timm's settings from the variant's spec (its preprocess keys).
/// </summary>
public sealed record EvalPreprocessing(PreprocessPreset Preset, double CropPct, CropMode CropMode, IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>DeepMind's evaluation geometry with ImageNet statistics.</summary>
    public static EvalPreprocessing DeepMind { get; } =
        new(PreprocessPreset.DeepMind, 0, CropMode.Center, ImageNetNormalization.Mean, ImageNetNormalization.Std);

    /// <summary>The preset for a variant: DeepMind's, or timm's with the variant's crop, mode and statistics.</summary>
    public static EvalPreprocessing ForPlan(ModelPlan plan, PreprocessPreset preset)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (preset == PreprocessPreset.DeepMind) return DeepMind;
        var p = plan.Preprocess;
        return new(PreprocessPreset.Timm, p.CropPct, p.CropMode, p.Mean.Select(v => (float)v).ToArray(), p.Std.Select(v => (float)v).ToArray());
    }

    /// <summary>Parses a --preprocess value.</summary>
    public static PreprocessPreset ParsePreset(string value) => value switch
    {
        "deepmind" => PreprocessPreset.DeepMind,
        "timm" => PreprocessPreset.Timm,
        _ => throw new ArgumentException($"--preprocess: '{value}' is not one of deepmind, timm"),
    };

    /// <summary>"deepmind (shorter side 288, centre 256)" or "timm (squash to 284, centre 256, bicubic)": what happens, for the log.</summary>
    public string Describe(int size) => Preset == PreprocessPreset.DeepMind
        ? $"deepmind (shorter side {size + 32}, centre {size})"
        : $"timm ({(CropMode == CropMode.Squash ? "squash" : "shorter side")} to {ScaleSize(size)}, centre {size}, bicubic)";

    /// <summary>timm's resize target: floor(size / crop_pct).</summary>
    public int ScaleSize(int size) => (int)Math.Floor(size / CropPct);

    /// <summary>size×size×3 bytes from interleaved RGB bytes (width×height×3).</summary>
    public byte[] ResizeAndCrop(byte[] rgb, int width, int height, int size)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (Preset == PreprocessPreset.DeepMind)
            return ImageResize.ShorterSideThenCenterCrop(rgb, width, height, size + 32, size);
        int scale = ScaleSize(size);
        int w, h;
        if (CropMode == CropMode.Squash)
            (w, h) = (scale, scale);
        else if (width <= height)
            (w, h) = (scale, (int)((long)scale * height / width)); // torchvision: int(size * long / short)
        else
            (w, h) = ((int)((long)scale * width / height), scale);
        var resized = BicubicResize.Resize(rgb, width, height, w, h);
        return CenterCrop(resized, w, h, size);
    }

    /// <summary>torchvision's center_crop offsets: round((dimension − crop) / 2), halves to even.</summary>
    private static byte[] CenterCrop(byte[] rgb, int width, int height, int size)
    {
        int top = (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven);
        var output = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            Array.Copy(rgb, ((top + y) * width + left) * 3, output, y * size * 3, size * 3);
        return output;
    }
}
