using Nfnet.Dsl.Common;

namespace Nfnet.Dsl.Lowering;

public enum CropMode
{
    /// <summary>Resize the shorter side to floor(size / cropPct), keep the aspect ratio, then centre-crop.</summary>
    Center,
    /// <summary>Resize both sides to floor(size / cropPct), ignoring the aspect ratio, then centre-crop.</summary>
    Squash,
}

/// <summary>How timm prepares evaluation images for a variant's pretrained weights (bicubic resampling, then normalization).</summary>
public sealed record PreprocessPlan(double CropPct, CropMode CropMode, EquatableArray<double> Mean, EquatableArray<double> Std);
