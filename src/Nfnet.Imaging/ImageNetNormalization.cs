namespace Nfnet.Imaging;

/// <summary>ImageNet channel statistics (DeepMind dataset.py MEAN_RGB/STDDEV_RGB divided by 255; timm IMAGENET_DEFAULT).</summary>
public static class ImageNetNormalization
{
    /// <summary>Per-channel mean of RGB values in [0, 1].</summary>
    public static readonly float[] Mean = { 0.485f, 0.456f, 0.406f };

    /// <summary>Per-channel standard deviation of RGB values in [0, 1].</summary>
    public static readonly float[] Std = { 0.229f, 0.224f, 0.225f };

    /// <summary>(value − mean[c]) / std[c] for a value in [0, 1].</summary>
    public static float Normalize(float value, int channel) => (value - Mean[channel]) / Std[channel];
}
