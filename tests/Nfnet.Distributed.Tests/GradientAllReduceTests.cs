using System.Linq;
using Nfnet.Distributed;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Distributed.Tests;

public class GradientAllReduceTests
{
    [Fact]
    public void Every_gradient_becomes_the_mean_over_ranks_through_buckets_and_in_place_calls()
    {
        // Gradients of 3, 40 (larger than the 16-float bucket), 5, 6 and 12 elements; the 3 other ranks hold 0.5 everywhere.
        long[][] shapes = [[3], [5, 8], [5], [2, 3], [3, 4]];
        var gradients = shapes.Select((s, i) => arange(0, s.Aggregate(1L, (a, b) => a * b), dtype: ScalarType.Float32).reshape(s).mul_(i + 1)).ToList();
        var originals = gradients.Select(g => g.clone()).ToList();
        var peers = new ConstantPeers(ranks: 4, peerValue: 0.5f);
        using var reduce = new GradientAllReduce(peers, ranks: 4, bucketBytes: 16 * sizeof(float));

        reduce.Average(gradients.Cast<Tensor?>().Append(null).ToList());

        for (int i = 0; i < gradients.Count; i++)
        {
            // mean of (own, 0.5, 0.5, 0.5) = (own + 1.5) / 4
            var expected = originals[i].add(1.5f).div(4);
            Assert.True(gradients[i].allclose(expected, rtol: 0, atol: 1e-7), $"gradient {i}");
            Assert.Equal(originals[i].shape, gradients[i].shape);
        }
        // 3 → bucket; 40 alone in place; 5+6 → bucket; 12 does not fit with 11 → its own bucket.
        Assert.Equal(new long[] { 3, 40, 11, 12 }, peers.Calls);
        Assert.Equal(4, reduce.CallsPerStep);
        Assert.Equal((3 + 40 + 5 + 6 + 12) * sizeof(float), reduce.BytesPerStep);
        Assert.Equal(1, reduce.Steps);
    }

    [Fact]
    public void Sum_leaves_the_sum_for_gradients_scaled_before_backward()
    {
        var gradient = arange(0, 10, dtype: ScalarType.Float32);
        var expected = gradient.add(2 * 0.25f);
        using var reduce = new GradientAllReduce(new ConstantPeers(ranks: 3, peerValue: 0.25f), ranks: 3, bucketBytes: 16, inPlaceBytes: 8);
        reduce.Sum([gradient]);
        Assert.True(gradient.allclose(expected, rtol: 0, atol: 0));
    }

    [Fact]
    public void A_strided_gradient_is_reduced_too()
    {
        var strided = arange(0, 6, dtype: ScalarType.Float32).reshape(2, 3).t();
        var expected = strided.add(1).div(2);
        using var reduce = new GradientAllReduce(new ConstantPeers(ranks: 2, peerValue: 1), ranks: 2, bucketBytes: 4);
        reduce.Average([strided]);
        Assert.True(strided.allclose(expected, rtol: 0, atol: 0));
    }
}
