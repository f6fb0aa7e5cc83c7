namespace Nfnet.Imaging;

/// <summary>How the timm preset resizes before its centre crop (timm's crop_mode).</summary>
public enum CropMode
{
    /// <summary>Resize the shorter side to floor(S / crop_pct), keeping the aspect ratio.</summary>
    Center,

    /// <summary>Resize both sides to floor(S / crop_pct), ignoring the aspect ratio (timm's dm_nfnet models).</summary>
    Squash,
}
