using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>
/// Drops whole residual branches per sample during training (DeepMind StochDepth): mask = floor(keep + U[0,1))
/// of shape [B, 1, 1, 1]. DeepMind does not rescale by 1/keep; timm's DropPath does (<see cref="ScaleByKeep"/>).
/// Parameter-free; NormFreeBlock registers it as <c>drop_path</c>, as timm names it.
/// </summary>
public sealed class StochasticDepth : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module; <paramref name="rate"/> is the drop probability in [0, 1).</summary>
    public StochasticDepth(double rate, bool scaleByKeep = false) : base(nameof(StochasticDepth))
    {
        if (rate < 0.0 || rate >= 1.0) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Drop rate must be in [0, 1).");
        Rate = rate;
        ScaleByKeep = scaleByKeep;
    }

    /// <summary>Probability of dropping a sample's branch.</summary>
    public double Rate { get; }

    /// <summary>Whether kept branches are divided by the keep probability (timm) or not (DeepMind).</summary>
    public bool ScaleByKeep { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (!training || Rate == 0.0) return input.alias();

        using var scope = NewDisposeScope();
        double keep = 1.0 - Rate;
        var maskShape = new long[input.dim()];
        Array.Fill(maskShape, 1L);
        maskShape[0] = input.shape[0];
        var mask = rand(maskShape, dtype: input.dtype, device: input.device).add_(keep).floor_();
        if (ScaleByKeep) mask.div_(keep);
        return input.mul(mask).MoveToOuterDisposeScope();
    }
}
