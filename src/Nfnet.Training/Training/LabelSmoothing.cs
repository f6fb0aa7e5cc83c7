using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Training.Training;

/// <summary>Cross-entropy against smoothed targets, as DeepMind's NFNet recipe: y = (1 − ε)·onehot + ε/K.</summary>
public static class LabelSmoothing
{
    /// <summary>The recipe's ε.</summary>
    public const double DefaultSmoothing = 0.1;

    /// <summary>
    /// Mean over the batch of −Σₖ yₖ·log softmax(logits)ₖ, computed in float32 (the recipe casts logits to f32 for
    /// the loss). Since Σₖ yₖ = 1 this is (1 − ε)·NLL(label) + ε·mean over classes of −log pₖ.
    /// </summary>
    public static Tensor Loss(Tensor logits, Tensor labels, double smoothing = DefaultSmoothing)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (smoothing < 0.0 || smoothing >= 1.0) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Must be in [0, 1).");
        using var scope = NewDisposeScope();
        var logProbabilities = F.log_softmax(logits.to(ScalarType.Float32), 1);
        var nll = logProbabilities.gather(1, labels.unsqueeze(1)).squeeze(1).neg();
        var uniform = logProbabilities.mean(new long[] { 1 }).neg();
        return nll.mul(1.0 - smoothing).add(uniform, alpha: smoothing).mean().MoveToOuterDisposeScope();
    }
}
