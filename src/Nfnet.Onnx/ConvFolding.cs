using System;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Onnx;

/// <summary>
/// Scaled weight standardization done once, at export: the weight a scaled WS conv really convolves with, as the runtime's
/// WeightStandardization computes it, in double precision, times the constant scales folded into the conv.
/// </summary>
internal static class ConvFolding
{
    /// <summary>DeepMind clamps fan_in·var at this.</summary>
    public const double DeepMindEpsilon = 1e-4;

    /// <summary>timm adds this to the variance.</summary>
    public const double TimmEpsilon = 1e-5;

    /// <summary>
    /// Per output channel o (fan-in n, mean m, population variance v): (w − m)·gain[o]·γ·scale/√max(n·v, 1e-4) (DeepMind)
    /// or (w − m)·gain[o]·γ·scale/(√(v + 1e-5)·√n) (timm). <paramref name="scale"/> is the product of the constant factors
    /// folded in: an input scale (γ and β of the activation before) and an output scale (α·skipinit gain).
    /// </summary>
    public static float[] Standardize(ReadOnlySpan<float> weight, ReadOnlySpan<float> gain, WsEpsilon mode, double gamma, double scale)
    {
        int outChannels = gain.Length;
        if (outChannels == 0 || weight.Length % outChannels != 0)
            throw new ArgumentException($"a weight of {weight.Length} values does not split into {outChannels} output channels", nameof(weight));
        int fanIn = weight.Length / outChannels;
        var result = new float[weight.Length];
        for (int o = 0; o < outChannels; o++)
        {
            var row = weight.Slice(o * fanIn, fanIn);
            double sum = 0;
            foreach (var w in row) sum += w;
            double mean = sum / fanIn;
            double squares = 0;
            foreach (var w in row) squares += (w - mean) * (w - mean);
            double variance = squares / fanIn;
            double factor = mode == WsEpsilon.DeepMind
                ? 1.0 / Math.Sqrt(Math.Max(fanIn * variance, DeepMindEpsilon))
                : 1.0 / (Math.Sqrt(variance + TimmEpsilon) * Math.Sqrt(fanIn));
            factor *= gain[o] * gamma * scale;
            for (int i = 0; i < fanIn; i++)
                result[o * fanIn + i] = (float)((row[i] - mean) * factor);
        }
        return result;
    }

    /// <summary>Each value times <paramref name="scale"/> (a bias under an output scale, a classifier under γ).</summary>
    public static float[] Scale(ReadOnlySpan<float> values, double scale)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)(values[i] * scale);
        return result;
    }
}
