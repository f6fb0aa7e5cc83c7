using System;

namespace Nfnet.Runtime;

/// <summary>How the variance of a weight is guarded in Scaled Weight Standardization.</summary>
public enum WsEpsilonMode
{
    /// <summary>DeepMind: w_hat = (w - mean) * gain * rsqrt(max(fan_in * var, 1e-4)); eps clamps fan_in·var.</summary>
    DeepMind,

    /// <summary>timm: w_hat = (w - mean) / sqrt(var + 1e-5) * gain / sqrt(fan_in); eps is added to var.</summary>
    Timm,
}

/// <summary>How a convolution pads its input.</summary>
public enum ConvPadding
{
    /// <summary>TensorFlow/Haiku "SAME": output = ceil(in / stride); the odd pixel of padding goes bottom/right.</summary>
    Same,

    /// <summary>PyTorch style: ((stride - 1) + (kernel - 1)) / 2 on every side.</summary>
    Symmetric,
}

/// <summary>Which GELU formula the "gelu" activation uses.</summary>
public enum GeluForm
{
    /// <summary>tanh approximation: JAX's default, so DeepMind's NFNets were trained with it.</summary>
    Tanh,

    /// <summary>Exact erf form: PyTorch's default, used by timm.</summary>
    Erf,
}

/// <summary>
/// The numeric choices on which DeepMind's NFNets and timm's port differ. Weights only reproduce their
/// published accuracy under the numerics they were trained with, so the choice is explicit.
/// </summary>
/// <remarks>
/// <see cref="Padding"/> also decides the stem's 3×3/2 max-pool: SAME pads it TF-style (DeepMind's NF-ResNet),
/// symmetric pads 1 on every side (timm, whose pool is always symmetric).
/// </remarks>
public sealed record NfNumerics(
    WsEpsilonMode WsEpsilon = WsEpsilonMode.DeepMind,
    ConvPadding Padding = ConvPadding.Same,
    GeluForm Gelu = GeluForm.Tanh,
    StochasticDepthMode StochasticDepth = StochasticDepthMode.DeepMind)
{
    /// <summary>DeepMind's JAX/Haiku reference: clamped WS eps, SAME padding, tanh GELU, unscaled stochastic depth.</summary>
    public static NfNumerics DeepMind { get; } = new(WsEpsilonMode.DeepMind, ConvPadding.Same, GeluForm.Tanh, StochasticDepthMode.DeepMind);

    /// <summary>timm's dm_nfnet_* models: additive WS eps, SAME padding, exact (erf) GELU, drop path scaled by 1/keep.</summary>
    public static NfNumerics Timm { get; } = new(WsEpsilonMode.Timm, ConvPadding.Same, GeluForm.Erf, StochasticDepthMode.Timm);

    /// <summary>
    /// These numerics under <paramref name="profile"/>: its WS epsilon and GELU form. Padding is kept, since it belongs
    /// to the architecture the weights were trained with (DeepMind's F models and timm's dm_ ports pad TF-style, timm's
    /// own models symmetrically), and so is the stochastic-depth mode, which acts in training only.
    /// </summary>
    public NfNumerics WithProfile(NumericsProfile profile) => profile switch
    {
        NumericsProfile.DeepMind => this with { WsEpsilon = WsEpsilonMode.DeepMind, Gelu = GeluForm.Tanh },
        NumericsProfile.Timm => this with { WsEpsilon = WsEpsilonMode.Timm, Gelu = GeluForm.Erf },
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };
}

/// <summary>Whose numerics a checkpoint was trained with: DeepMind's JAX code or timm's PyTorch code.</summary>
public enum NumericsProfile
{
    /// <summary>WS epsilon clamped at 1e-4 on fan_in·var, tanh GELU.</summary>
    DeepMind,

    /// <summary>WS epsilon 1e-5 added to the variance, exact GELU.</summary>
    Timm,
}
