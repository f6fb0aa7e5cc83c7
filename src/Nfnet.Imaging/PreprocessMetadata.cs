using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Nfnet.Imaging;

/// <summary>
/// A <see cref="PreprocessPreset"/> as string metadata (an ONNX model's <c>metadata_props</c>), so a model can be served
/// with the preprocessing it was exported for without its spec: <c>nfnet.preprocess</c> (the name),
/// <c>nfnet.preprocess.crop_pct</c> and <c>nfnet.preprocess.crop_mode</c> (timm only), <c>nfnet.preprocess.mean</c>
/// and <c>nfnet.preprocess.std</c> (three comma-separated numbers each).
/// </summary>
public static class PreprocessMetadata
{
    public const string Name = "nfnet.preprocess";
    public const string CropPct = "nfnet.preprocess.crop_pct";
    public const string CropMode = "nfnet.preprocess.crop_mode";
    public const string Mean = "nfnet.preprocess.mean";
    public const string Std = "nfnet.preprocess.std";

    /// <summary>The entries recording <paramref name="preset"/>, numbers in invariant round-trip form.</summary>
    public static IEnumerable<KeyValuePair<string, string>> For(PreprocessPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        yield return new(Name, preset.Name);
        if (preset.CropPct is { } pct)
        {
            yield return new(CropPct, pct.ToString("R", CultureInfo.InvariantCulture));
            yield return new(CropMode, preset.CropMode == Imaging.CropMode.Squash ? "squash" : "center");
        }
        yield return new(Mean, PreprocessPreset.Join(preset.Mean, ","));
        yield return new(Std, PreprocessPreset.Join(preset.Std, ","));
    }

    /// <summary>
    /// The preset <paramref name="metadata"/> records. No <c>nfnet.preprocess</c> (models exported before it was
    /// recorded) is <c>deepmind</c>, and a <c>deepmind</c> without statistics has ImageNet's. Throws
    /// <see cref="InvalidDataException"/> naming <paramref name="source"/> and the key for an unknown preset or a
    /// missing or malformed parameter.
    /// </summary>
    public static PreprocessPreset Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var name = metadata.GetValueOrDefault(Name) ?? PreprocessPreset.DeepMindName;
        var preset = name switch
        {
            PreprocessPreset.DeepMindName => PreprocessPreset.DeepMind,
            PreprocessPreset.TimmName => PreprocessPreset.Timm(ReadCropPct(metadata, source), ReadCropMode(metadata, source),
                ImageNetNormalization.Mean, ImageNetNormalization.Std),
            _ => throw new InvalidDataException(
                $"{source}: metadata {Name} '{name}' is not a known preprocessing preset (known: {string.Join(", ", PreprocessPreset.Names)})"),
        };
        bool hasMean = metadata.ContainsKey(Mean), hasStd = metadata.ContainsKey(Std);
        if (!hasMean && !hasStd && name == PreprocessPreset.DeepMindName) return preset;
        return preset.WithStatistics(ReadChannels(metadata, Mean, source, positive: false), ReadChannels(metadata, Std, source, positive: true));
    }

    private static double ReadCropPct(IReadOnlyDictionary<string, string> metadata, string source)
    {
        var text = Required(metadata, CropPct, source);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || !(pct > 0 && pct <= 1))
            throw new InvalidDataException($"{source}: metadata {CropPct} '{text}' is not a number in (0, 1]");
        return pct;
    }

    private static CropMode ReadCropMode(IReadOnlyDictionary<string, string> metadata, string source) => Required(metadata, CropMode, source) switch
    {
        "center" => Imaging.CropMode.Center,
        "squash" => Imaging.CropMode.Squash,
        var other => throw new InvalidDataException($"{source}: metadata {CropMode} '{other}' is not one of center, squash"),
    };

    private static float[] ReadChannels(IReadOnlyDictionary<string, string> metadata, string key, string source, bool positive)
    {
        var text = Required(metadata, key, source);
        var parts = text.Split(',');
        var values = new float[parts.Length];
        bool ok = parts.Length == 3;
        for (int i = 0; ok && i < parts.Length; i++)
            ok = float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && float.IsFinite(values[i]) && (!positive || values[i] > 0);
        if (!ok)
            throw new InvalidDataException($"{source}: metadata {key} '{text}' is not three comma-separated {(positive ? "positive " : "")}numbers (R, G, B)");
        return values;
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.GetValueOrDefault(key)
        ?? throw new InvalidDataException($"{source}: metadata {key} is missing; the '{metadata.GetValueOrDefault(Name) ?? PreprocessPreset.DeepMindName}' preprocessing needs it");
}
