using System;
using System.Collections.Generic;
using Nfnet.Runtime.Optim;

namespace Nfnet.Training.Training;

/// <summary>
/// One run's hyperparameters. Defaults are DeepMind's NFNet recipe (experiment_nfnets.py): SGD with Nesterov momentum
/// 0.9, AGC clipping 0.01, weight decay 2e-5 (not on gains and biases), label smoothing 0.1, and a linear warmup
/// into a cosine decay to 0. The recipe's length-dependent parts are scaled to the run: the peak learning rate is
/// 0.1·batch/256 unless given, and warmup is the recipe's 5 of 360 epochs or 10% of the steps, whichever is longer.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Images per optimizer step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Epochs to train when <see cref="Steps"/> is null.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Total optimizer steps; overrides <see cref="Epochs"/>.</summary>
    public long? Steps { get; init; }

    /// <summary>Peak learning rate; null = the recipe's 0.1 per 256 images.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Warmup steps; null = max(5/360 of the run, 10% of the run), at least 1.</summary>
    public long? WarmupSteps { get; init; }

    /// <summary>L2 weight decay on weights (gains, biases and skip gains get none).</summary>
    public double WeightDecay { get; init; } = 2e-5;

    /// <summary>Nesterov momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>AGC threshold λ (the classifier weight is never clipped).</summary>
    public double Clipping { get; init; } = AgcSgd.DefaultClipping;

    /// <summary>Label smoothing ε.</summary>
    public double LabelSmoothing { get; init; } = Training.LabelSmoothing.DefaultSmoothing;

    /// <summary>Decay of the weight EMA; null = no EMA (the recipe uses 0.99999 over 112k steps).</summary>
    public double? EmaDecay { get; init; }

    /// <summary>Seed of the data order, augmentation and torch's generator (dropout, stochastic depth).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Where checkpoint.safetensors is written at each epoch end and on interruption; null = no checkpoints.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// What identifies the run (variant, data, sizes, ...): stored in the checkpoint and compared on resume, so a run
    /// is never continued with different settings.
    /// </summary>
    public IReadOnlyDictionary<string, string> RunDescription { get; init; } = new Dictionary<string, string>();

    /// <summary>The peak learning rate this run uses.</summary>
    public double PeakLearningRate => LearningRate ?? 0.1 * BatchSize / 256.0;

    /// <summary>Steps per epoch for <paramref name="trainCount"/> samples (partial batches are dropped).</summary>
    public int StepsPerEpoch(int trainCount)
    {
        if (trainCount < BatchSize)
            throw new ArgumentException($"The training set has {trainCount} images, fewer than one batch of {BatchSize}.", nameof(trainCount));
        return trainCount / BatchSize;
    }

    /// <summary>Total optimizer steps for <paramref name="trainCount"/> samples.</summary>
    public long TotalSteps(int trainCount) => Steps ?? (long)Epochs * StepsPerEpoch(trainCount);

    /// <summary>Warmup steps for a run of <paramref name="totalSteps"/>.</summary>
    public long WarmupFor(long totalSteps) =>
        Math.Min(totalSteps - 1, WarmupSteps ?? Math.Max(1, (long)Math.Ceiling(Math.Max(totalSteps * 5.0 / 360.0, totalSteps * 0.1))));
}
