using System;
using TorchSharp;

namespace Nfnet.Runtime.Optim;

/// <summary>
/// DeepMind's WarmupCosineDecay: linear warmup from 0 to <see cref="PeakLr"/> over <see cref="WarmupSteps"/>,
/// then half a cosine down to <see cref="MinLr"/> at <see cref="TotalSteps"/> (and after).
/// Stateless: the step is passed in, so resuming a run only needs the step count.
/// </summary>
public sealed class WarmupCosineSchedule
{
    /// <summary>Creates the schedule.</summary>
    public WarmupCosineSchedule(double peakLr, long warmupSteps, long totalSteps, double minLr = 0.0)
    {
        if (peakLr < 0.0) throw new ArgumentOutOfRangeException(nameof(peakLr), peakLr, "Must be non-negative.");
        if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "Must be non-negative.");
        if (totalSteps <= warmupSteps) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Must exceed warmupSteps.");
        PeakLr = peakLr;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinLr = minLr;
    }

    /// <summary>Learning rate at the end of warmup.</summary>
    public double PeakLr { get; }

    /// <summary>Steps of linear warmup.</summary>
    public long WarmupSteps { get; }

    /// <summary>Step at which the cosine reaches <see cref="MinLr"/>.</summary>
    public long TotalSteps { get; }

    /// <summary>Floor of the cosine (DeepMind NFNets: 0).</summary>
    public double MinLr { get; }

    /// <summary>The learning rate for (0-based) <paramref name="step"/>.</summary>
    public double LearningRate(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Must be non-negative.");
        if (step < WarmupSteps) return PeakLr * step / WarmupSteps;
        if (step >= TotalSteps) return MinLr;
        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return MinLr + (PeakLr - MinLr) * 0.5 * (1.0 + Math.Cos(Math.PI * progress));
    }

    /// <summary>Sets every parameter group of <paramref name="optimizer"/> to the rate of <paramref name="step"/>; returns it.</summary>
    public double Apply(torch.optim.Optimizer optimizer, long step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        double lr = LearningRate(step);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        return lr;
    }
}
