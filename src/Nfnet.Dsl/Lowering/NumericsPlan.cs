namespace Nfnet.Dsl.Lowering;

public enum WsEpsilon
{
    /// <summary>rsqrt(max(fan_in·var, 1e-4)): DeepMind's WSConv2D.</summary>
    DeepMind,
    /// <summary>1/sqrt(var + 1e-5) / sqrt(fan_in): timm's ScaledStdConv2d.</summary>
    Timm,
}

public enum GeluForm
{
    /// <summary>The tanh approximation, JAX's default (DeepMind).</summary>
    Tanh,
    /// <summary>The exact erf form, PyTorch's default (timm).</summary>
    Erf,
}

public enum PaddingMode
{
    /// <summary>TF-style SAME: pads (total/2) before and the rest after, so stride 2 on even sizes pads only bottom/right.</summary>
    Same,
    /// <summary>PyTorch-style symmetric padding of (k-1)/2 on each side.</summary>
    Symmetric,
}

public enum StochasticDepthSchedule
{
    /// <summary>rate·i/N, kept branches not rescaled (DeepMind).</summary>
    DeepMind,
    /// <summary>rate·i/(N−1), kept branches divided by the keep probability (timm).</summary>
    Timm,
}

public sealed record NumericsPlan(WsEpsilon WsEpsilon, GeluForm Gelu, PaddingMode Padding, StochasticDepthSchedule StochasticDepth = StochasticDepthSchedule.DeepMind)
{
    public static NumericsPlan DeepMind { get; } = new(WsEpsilon.DeepMind, GeluForm.Tanh, PaddingMode.Same, StochasticDepthSchedule.DeepMind);
}
