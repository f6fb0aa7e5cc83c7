using System;
using System.Collections.Generic;
using Nfnet.Runtime;

namespace Nfnet.Training.Weights;

/// <summary>
/// The metadata this project writes into weights files, so evaluation and fine-tuning can rebuild what was trained:
/// the variant, the class names, the image size and the numerics profile.
/// </summary>
public static class WeightsMetadata
{
    public const string Variant = "variant";
    public const string Classes = "classes";
    public const string ImageSize = "image_size";
    public const string Steps = "steps";

    /// <summary>"deepmind", "timm" (a profile applied to the variant's numerics) or "spec" (the variant's own).</summary>
    public const string Numerics = "numerics";

    /// <summary>The numerics spelled out, for people reading the file: "wsEpsilon=timm gelu=erf padding=same".</summary>
    public const string NumericsDetail = "numerics_detail";

    /// <summary>The metadata value for a profile (null: the variant's own numerics).</summary>
    public static string ProfileName(NumericsProfile? profile) => profile switch
    {
        NumericsProfile.DeepMind => "deepmind",
        NumericsProfile.Timm => "timm",
        _ => "spec",
    };

    /// <summary>Parses a --numerics value or the metadata value; null for "spec".</summary>
    public static NumericsProfile? ParseProfile(string value, string source) => value switch
    {
        "deepmind" => NumericsProfile.DeepMind,
        "timm" => NumericsProfile.Timm,
        "spec" => null,
        _ => throw new ArgumentException($"{source}: numerics '{value}' is not one of deepmind, timm, spec"),
    };

    /// <summary>"WS epsilon timm, GELU erf, padding same".</summary>
    public static string Describe(NfNumerics numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return $"WS epsilon {Lower(numerics.WsEpsilon)}, GELU {Lower(numerics.Gelu)}, padding {Lower(numerics.Padding)}";
    }

    /// <summary>The metadata entries recording <paramref name="numerics"/> and the profile that produced them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> For(NumericsProfile? profile, NfNumerics numerics)
    {
        yield return new(Numerics, ProfileName(profile));
        yield return new(NumericsDetail, Detail(numerics));
    }

    /// <summary>The numerics spelled out as <see cref="NumericsDetail"/> records them (and an ONNX model's nfnet.numerics): "wsEpsilon=timm gelu=erf padding=same".</summary>
    public static string Detail(NfNumerics numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return $"wsEpsilon={Lower(numerics.WsEpsilon)} gelu={Lower(numerics.Gelu)} padding={Lower(numerics.Padding)}";
    }

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
