using System;
using Nfnet.Training.Training;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests;

public class LabelSmoothingTests
{
    [Fact]
    public void Loss_matches_a_hand_computation()
    {
        // logits [1, 2, 3], label 2, ε = 0.1, K = 3. log Z = 3 + ln(1 + e^-1 + e^-2).
        double logZ = 3 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-2));
        double[] logP = { 1 - logZ, 2 - logZ, 3 - logZ };
        // Target y = 0.9·onehot(2) + 0.1/3 everywhere; loss = −Σ y·log p.
        double expected = -(0.1 / 3 * logP[0] + 0.1 / 3 * logP[1] + (0.9 + 0.1 / 3) * logP[2]);

        var loss = LabelSmoothing.Loss(tensor(new[] { 1f, 2f, 3f }).reshape(1, 3), tensor(new long[] { 2 }), 0.1).item<float>();

        Assert.Equal(expected, loss, 6);
        Assert.Equal(0.50760596, loss, 6);
    }

    [Fact]
    public void Batch_loss_is_the_mean_and_zero_smoothing_is_plain_cross_entropy()
    {
        var logits = tensor(new[] { 0f, 0f, 2f, -1f }).reshape(2, 2);
        var labels = tensor(new long[] { 1, 0 });
        // Sample 1: uniform → ln 2. Sample 2: p(label 0) = e^2 / (e^2 + e^-1) → ln(1 + e^-3).
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(-3))) / 2;

        Assert.Equal(expected, LabelSmoothing.Loss(logits, labels, 0.0).item<float>(), 6);
    }
}
