using System.Collections.Generic;

namespace Nfnet.Analysis.Spp;

/// <summary>The two analytic curves an SPP is compared with, one value per stream point (stem, then each block).</summary>
public static class VarianceTheory
{
    /// <summary>
    /// DeepMind's recurrence (nfnets/nfnet.py): the stem gives variance 1, the first block of a stage resets it to
    /// 1 + α² ("reset expected std but still give it 1 block of growth") and every other block adds α². Each block's
    /// β is 1 / the square root of its input's value on this curve.
    /// </summary>
    public static IReadOnlyList<double> DmExpected(IReadOnlyList<NamedBlock> blocks)
    {
        var curve = new List<double> { 1.0 };
        double variance = 1.0;
        foreach (var named in blocks)
        {
            if (named.IsTransition) variance = 1.0;
            variance += named.Block.Alpha * named.Block.Alpha;
            curve.Add(variance);
        }
        return curve;
    }

    /// <summary>
    /// Mean-field prediction (infinite width, no image borders) for N(0, 1) input. A scaled-WS conv passes the variance
    /// of a spatially white input through unchanged (its weights have zero mean and unit norm per output channel); an
    /// activation maps q to Var(γ·f(√q·z)); the ×2 on the squeeze-excite gate (≈ 0.5 at init) cancels to first order;
    /// the branch is uncorrelated with the stream, so variances add; and 2×2/2 average pooling of a white signal
    /// divides its variance by 4. That last point is where it parts from <see cref="DmExpected"/>, which assumes a
    /// strided shortcut keeps the variance at 1.
    /// </summary>
    public static IReadOnlyList<double> MeanField(int stemActivations, IReadOnlyList<NamedBlock> blocks, ActivationMoments moments)
    {
        double variance = 1.0;
        for (int i = 0; i < stemActivations; i++)
            variance = moments.OutputVariance(variance);
        var curve = new List<double> { variance };
        foreach (var named in blocks)
        {
            var block = named.Block;
            double preactivation = block.Beta * block.Beta * moments.OutputVariance(variance);
            double branch = preactivation;
            for (int i = 0; i < 3; i++)   // act2 → conv2, act2b → conv2b, act3 → conv3
                branch = moments.OutputVariance(branch);
            double shortcut = block.HasDownsample ? preactivation / (block.Stride * block.Stride) : variance;
            variance = shortcut + block.Alpha * block.Alpha * branch;
            curve.Add(variance);
        }
        return curve;
    }
}
