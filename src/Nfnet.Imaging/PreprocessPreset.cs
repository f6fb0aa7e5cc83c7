using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Nfnet.Imaging;

/// <summary>
/// How an image becomes a network input at evaluation, by name and parameters, so that a model's metadata can carry it:
/// <list type="bullet">
/// <item><c>deepmind</c> (the NFNet paper's 'resize_crop_32'): shorter side to S + 32 with an antialiased bilinear
/// filter, centred S×S crop;</item>
/// <item><c>timm</c> (what timm's pretrained weights expect): resize to floor(S / <see cref="CropPct"/>), the shorter
/// side or both (<see cref="CropMode"/>), with PIL's bicubic (<see cref="BicubicResize"/>), then torchvision's centre
/// crop (offsets rounded half to even).</item>
/// </list>
/// Both then divide by 255 and normalize each channel with <see cref="Mean"/> and <see cref="Std"/>.
/// <see cref="Preprocessing"/> applies a preset.
/// </summary>
public sealed record PreprocessPreset
{
    public const string DeepMindName = "deepmind";
    public const string TimmName = "timm";

    /// <summary>The preset names, as a command line or a model's metadata spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { DeepMindName, TimmName };

    private readonly float[] _mean;
    private readonly float[] _std;

    private PreprocessPreset(string name, double? cropPct, CropMode cropMode, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != 3 || std.Count != 3) throw new ArgumentException("Mean and std need one value per RGB channel.");
        if (std.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ArgumentOutOfRangeException(nameof(std), "Every std must be a positive number.");
        if (mean.Any(m => !float.IsFinite(m))) throw new ArgumentOutOfRangeException(nameof(mean), "Every mean must be a finite number.");
        if (cropPct is { } pct && !(pct > 0 && pct <= 1)) throw new ArgumentOutOfRangeException(nameof(cropPct), pct, "crop_pct must be in (0, 1].");
        Name = name;
        CropPct = cropPct;
        CropMode = cropMode;
        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>DeepMind's evaluation with ImageNet statistics.</summary>
    public static PreprocessPreset DeepMind { get; } = new(DeepMindName, null, CropMode.Center, ImageNetNormalization.Mean, ImageNetNormalization.Std);

    /// <summary>timm's evaluation with a variant's crop_pct, crop mode and statistics.</summary>
    public static PreprocessPreset Timm(double cropPct, CropMode cropMode, IReadOnlyList<float> mean, IReadOnlyList<float> std) =>
        new(TimmName, cropPct, cropMode, mean, std);

    /// <summary><c>deepmind</c> or <c>timm</c>.</summary>
    public string Name { get; }

    /// <summary>timm's crop_pct; null for <c>deepmind</c>, whose margin is a fixed 32 pixels.</summary>
    public double? CropPct { get; }

    /// <summary>timm's crop mode (<see cref="CropMode.Center"/> for <c>deepmind</c>, which always keeps the aspect ratio).</summary>
    public CropMode CropMode { get; }

    /// <summary>Per-channel mean of RGB values in [0, 1].</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Per-channel standard deviation of RGB values in [0, 1].</summary>
    public IReadOnlyList<float> Std => _std;

    /// <summary>This preset's geometry with other channel statistics.</summary>
    public PreprocessPreset WithStatistics(IReadOnlyList<float> mean, IReadOnlyList<float> std) => new(Name, CropPct, CropMode, mean, std);

    /// <summary>The length the image is resized to before the S×S crop: S + 32 (deepmind), floor(S / crop_pct) (timm).</summary>
    public int ScaleSize(int size) => CropPct is { } pct ? (int)Math.Floor(size / pct) : size + 32;

    /// <summary>"deepmind (shorter side 288, centre 256)" or "timm (squash to 284, centre 256, bicubic)": what happens, for logs.</summary>
    public string Describe(int size) => CropPct is null
        ? $"{Name} (shorter side {ScaleSize(size)}, centre {size})"
        : $"{Name} ({(CropMode == CropMode.Squash ? "squash" : "shorter side")} to {ScaleSize(size)}, centre {size}, bicubic)";

    /// <summary>"mean 0.485, 0.456, 0.406, std 0.229, 0.224, 0.225".</summary>
    public string DescribeStatistics() => $"mean {Join(_mean, ", ")}, std {Join(_std, ", ")}";

    /// <summary>Values as invariant round-trip text, joined by <paramref name="separator"/>.</summary>
    internal static string Join(IEnumerable<float> values, string separator) =>
        string.Join(separator, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Equal when the name, the geometry and every statistic are (the arrays by value).</summary>
    public bool Equals(PreprocessPreset? other) =>
        other is not null && Name == other.Name && CropPct == other.CropPct && CropMode == other.CropMode
        && _mean.SequenceEqual(other._mean) && _std.SequenceEqual(other._std);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, CropPct, CropMode, _mean[0], _std[0]);
}
