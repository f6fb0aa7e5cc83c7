using System;
using System.Collections.Generic;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Analysis.Spp;

/// <summary>
/// Signal propagation at initialization (Brock, De and Smith, arXiv 2101.08692): the statistics of the residual
/// stream after the stem and after every block, for a batch of N(0, 1) images.
/// </summary>
public static class SignalPropagation
{
    /// <summary>
    /// Measures <paramref name="model"/> in eval mode without gradients. Every skipinit_gain (or zero-init conv3 gain) is first set to 1, which
    /// changes the model: at their zero init every block would be the identity and there would be nothing to see.
    /// </summary>
    public static IReadOnlyList<SignalRow> Measure(nn.Module model, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var parts = NetworkParts.Of(model);
        var blocks = parts.Blocks;
        var first = blocks[0].Block;
        using var moments = new ActivationMoments(first.Activation, first.Numerics.Gelu);
        var dm = VarianceTheory.DmExpected(blocks);
        var meanField = VarianceTheory.MeanField(parts.StemActivations, blocks, moments);

        model.eval();
        using var noGrad = no_grad();
        foreach (var named in blocks)
            named.Block.SetZeroInitGain(1.0);

        var rows = new List<SignalRow>();
        var stream = parts.Stem.call(images);
        try
        {
            var (variance, meanSquare) = ChannelStatistics(stream);
            rows.Add(new SignalRow(0, -1, "stem", false, dm[0], meanField[0], variance, meanSquare, double.NaN));
            for (int i = 0; i < blocks.Count; i++)
            {
                var named = blocks[i];
                var next = named.Block.call(stream);
                double branch = double.NaN;
                if (!named.Block.HasDownsample)
                {
                    // Identity shortcut: out - in is exactly α·branch.
                    using var difference = next.sub(stream);
                    branch = ChannelStatistics(difference).Variance / (named.Block.Alpha * named.Block.Alpha);
                }
                stream.Dispose();
                stream = next;
                (variance, meanSquare) = ChannelStatistics(stream);
                rows.Add(new SignalRow(i + 1, named.Stage, named.Name, named.IsTransition, dm[i + 1], meanField[i + 1], variance, meanSquare, branch));
            }
        }
        finally
        {
            stream.Dispose();
        }
        return rows;
    }

    /// <summary>
    /// Average over channels of the per-channel variance and squared mean, each over batch, height and width.
    /// var_mean with explicit dims (not Tensor.var(dims), which aborts on some devices; see the TorchSharp notes).
    /// </summary>
    public static (double Variance, double MeanSquare) ChannelStatistics(Tensor features)
    {
        using var scope = NewDisposeScope();
        var (variance, mean) = features.var_mean(new long[] { 0, 2, 3 }, unbiased: false);
        return (variance.to(ScalarType.Float64).mean().item<double>(), mean.to(ScalarType.Float64).square().mean().item<double>());
    }
}
