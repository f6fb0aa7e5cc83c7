using TorchSharp;
using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class StochasticDepthTests
{
    [Fact]
    public void Eval_mode_passes_the_input_through()
    {
        using var drop = new StochasticDepth(0.5);
        drop.eval();
        using var x = randn(4, 3, 2, 2);
        using var y = drop.call(x);
        TensorAssert.Identical(y, x);
        Assert.Empty(drop.state_dict());
    }

    [Fact]
    public void Training_keeps_whole_samples_with_probability_keep()
    {
        manual_seed(11);
        const int batch = 20000;
        const double rate = 0.3;
        using var drop = new StochasticDepth(rate);
        drop.train();
        using var x = ones(batch, 3, 2, 2);
        using var y = drop.call(x);

        // Each sample is dropped or kept as a whole, and kept samples are not rescaled (DeepMind).
        using var perSample = y.view(batch, -1);
        using var sampleMin = perSample.amin(new long[] { 1 });
        using var sampleMax = perSample.amax(new long[] { 1 });
        TensorAssert.Identical(sampleMin, sampleMax);
        Assert.True(sampleMax.eq(0).logical_or(sampleMax.eq(1)).all().item<bool>());

        // The kept fraction is Binomial(n, 0.7)/n with σ = sqrt(0.7·0.3/20000) ≈ 0.00324; 5σ ≈ 0.0162 makes a
        // false failure a < 1e-6 event.
        double kept = sampleMax.mean().item<float>();
        double sigma = Math.Sqrt((1 - rate) * rate / batch);
        Assert.InRange(kept, 1 - rate - 5 * sigma, 1 - rate + 5 * sigma);
    }

    [Fact]
    public void Scale_by_keep_divides_kept_samples_by_keep()
    {
        manual_seed(12);
        using var drop = new StochasticDepth(0.2, scaleByKeep: true);
        drop.train();
        using var x = ones(1000, 1, 1, 1);
        using var y = drop.call(x);
        var values = TensorAssert.Values(y).Distinct().OrderBy(v => v).ToArray();
        Assert.Equal(2, values.Length);
        Assert.Equal(0.0, values[0]);
        Assert.Equal(1.0 / 0.8, values[1], 6);
    }
}
