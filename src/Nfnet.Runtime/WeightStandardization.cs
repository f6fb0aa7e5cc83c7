using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>Scaled Weight Standardization of an out-first (OIHW) convolution weight.</summary>
public static class WeightStandardization
{
    /// <summary>DeepMind's clamp on fan_in·var (nfnets/base.py, WSConv2D).</summary>
    public const double DeepMindEpsilon = 1e-4;

    /// <summary>timm NfCfg.std_conv_eps, added to the variance.</summary>
    public const double TimmEpsilon = 1e-5;

    /// <summary>
    /// Standardizes each output channel of <paramref name="weight"/> over its fan-in (all dims but 0) to zero
    /// mean and variance 1/fan_in, times <paramref name="gain"/> (shape [out,1,1,1], or anything broadcastable).
    /// Uses the population variance (ddof 0) like both references. <paramref name="gamma"/> is a constant factor on top
    /// (the activation's γ where it is folded into the conv, timm's <c>gamma</c> argument; 1 otherwise).
    /// </summary>
    /// <remarks>
    /// Computed as timm does, with one batch_norm over the weight viewed as [1, out, fan_in] in training mode: one
    /// kernel forward and one backward instead of the nine elementwise and reduction ops (each with a backward node) of
    /// the formula, 3 to 5 times faster for the large weights of an NFNet on CPU. timm's epsilon is batch_norm's own.
    /// DeepMind's clamp rsqrt(max(fan_in·var, 1e-4)) equals batch_norm without epsilon whenever no channel's fan_in·var
    /// is below 1e-4. batch_norm hands out the variances it computed: with momentum 1 its running variance becomes the
    /// (unbiased) batch variance, so the check costs no pass over the weight. Where the clamp binds (a channel of nearly
    /// constant weights) the result is thrown away and the formula computed instead (<see cref="StandardizeByFormula"/>),
    /// so the function is the same either way, equal up to float rounding.
    /// </remarks>
    public static Tensor Standardize(Tensor weight, Tensor gain, WsEpsilonMode mode, double gamma = 1.0)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(gain);
        if (weight.dim() < 2) throw new ArgumentException("A convolution weight has at least 2 dims (out, in, ...).", nameof(weight));
        long outChannels = weight.shape[0];
        long fanIn = weight.numel() / outChannels;
        // fan_in 1: every variance is 0, so DeepMind's clamp always binds (and batch_norm's unbiased variance is undefined).
        if (weight.is_meta || gain.numel() != outChannels || (mode == WsEpsilonMode.DeepMind && fanIn == 1))
            return StandardizeByFormula(weight, gain, mode, gamma);

        using var scope = NewDisposeScope();
        var scale = gain.reshape(outChannels).mul(gamma / Math.Sqrt(fanIn));
        var flat = weight.reshape(1, outChannels, fanIn);
        if (mode == WsEpsilonMode.Timm)
            return F.batch_norm(flat, null, null, weight: scale, bias: null, training: true, momentum: 0.0, eps: TimmEpsilon)
                .reshape(weight.shape).MoveToOuterDisposeScope();

        var runningMean = zeros(outChannels, dtype: weight.dtype, device: weight.device);
        var variances = zeros(outChannels, dtype: weight.dtype, device: weight.device);
        var standardized = F.batch_norm(flat, runningMean, variances, weight: scale, bias: null, training: true, momentum: 1.0, eps: 0.0);
        double smallestPopulationVariance = variances.min().ToDouble() * (fanIn - 1) / fanIn;
        if (!(smallestPopulationVariance * fanIn >= DeepMindEpsilon)) // also catches NaN
            return StandardizeByFormula(weight, gain, mode, gamma).MoveToOuterDisposeScope();
        return standardized.reshape(weight.shape).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Whether DeepMind's clamp changes any channel: fan_in·var below 1e-4 (checked without building a graph). The question
    /// <see cref="Standardize"/> answers from batch_norm's own statistics, asked on its own: how often does the clamp bind?
    /// </summary>
    public static bool ClampBinds(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long outChannels = weight.shape[0];
        long fanIn = weight.numel() / outChannels;
        // One pass over the weight (var_mean; the instance overload with dims is the safe one, torchsharp-notes §0.4).
        var (variance, _) = weight.detach().reshape(outChannels, fanIn).var_mean(new long[] { 1 }, unbiased: false);
        return variance.min().ToDouble() * fanIn < DeepMindEpsilon;
    }

    /// <summary>
    /// The formula op by op: what <see cref="Standardize"/> computes, and what it falls back to where the clamp binds
    /// (and on the meta device, which has no batch_norm kernel).
    /// </summary>
    public static Tensor StandardizeByFormula(Tensor weight, Tensor gain, WsEpsilonMode mode, double gamma = 1.0)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(gain);
        using var scope = NewDisposeScope();
        long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        long[] fanInDims = Enumerable.Range(1, (int)weight.dim() - 1).Select(d => (long)d).ToArray();
        // Two-pass variance from the centred weight, which is needed anyway; it avoids Tensor.var(dims), which can
        // abort the process (torchsharp-notes §0.4).
        var centered = weight.sub(weight.mean(fanInDims, keepdim: true));
        var variance = centered.square().mean(fanInDims, keepdim: true);
        Tensor scale = mode switch
        {
            WsEpsilonMode.DeepMind => variance.mul(fanIn).clamp_min(DeepMindEpsilon).rsqrt().mul(gamma == 1.0 ? gain : gain.mul(gamma)),
            WsEpsilonMode.Timm => variance.add(TimmEpsilon).rsqrt().mul(gain).mul(gamma / Math.Sqrt(fanIn)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return centered.mul(scale).MoveToOuterDisposeScope();
    }
}
