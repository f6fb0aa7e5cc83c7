using System;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Onnx;

/// <summary>
/// The numerics a set of weights was trained with, by name: 'deepmind' (clamped WS epsilon, tanh GELU, TF-SAME padding;
/// DeepMind's checkpoints) and 'timm' (additive WS epsilon, erf GELU, TF-SAME padding; timm's dm_nfnet ports).
/// </summary>
public static class NumericsPreset
{
    /// <summary>The preset names.</summary>
    public static readonly string[] Names = { "deepmind", "timm" };

    /// <summary><paramref name="numerics"/> with the preset's WS epsilon, GELU and padding; the stochastic-depth schedule (training only) is kept.</summary>
    public static NumericsPlan Apply(string name, NumericsPlan numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return name switch
        {
            "deepmind" => numerics with { WsEpsilon = WsEpsilon.DeepMind, Gelu = GeluForm.Tanh, Padding = PaddingMode.Same },
            "timm" => numerics with { WsEpsilon = WsEpsilon.Timm, Gelu = GeluForm.Erf, Padding = PaddingMode.Same },
            _ => throw new ArgumentException($"unknown numerics '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>How the model's metadata spells a plan's numerics: "wsEpsilon=timm gelu=erf padding=same".</summary>
    public static string Describe(NumericsPlan numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return $"wsEpsilon={(numerics.WsEpsilon == WsEpsilon.Timm ? "timm" : "deepmind")} gelu={(numerics.Gelu == GeluForm.Erf ? "erf" : "tanh")} "
            + $"padding={(numerics.Padding == PaddingMode.Symmetric ? "symmetric" : "same")}";
    }
}
