using System;
using System.Collections.Generic;
using Nfnet.Training.Training;

namespace Nfnet.Training.Tests;

/// <summary>Keeps every event; optionally asks the run to stop after a given step.</summary>
internal sealed class RecordingObserver(Action? afterStep = null, long stopAfterStep = -1) : ITrainingObserver
{
    public List<StepMetrics> Steps { get; } = new();
    public List<EpochMetrics> Epochs { get; } = new();
    public List<(long Step, bool Interrupted)> Checkpoints { get; } = new();
    public RunInfo? Info { get; private set; }

    public void RunStarted(RunInfo info) => Info = info;

    public void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone)
    {
    }

    public void StepCompleted(StepMetrics metrics)
    {
        Steps.Add(metrics);
        if (metrics.Step == stopAfterStep) afterStep?.Invoke();
    }

    public void EpochCompleted(EpochMetrics metrics) => Epochs.Add(metrics);

    public void CheckpointWritten(string path, long step, bool interrupted) => Checkpoints.Add((step, interrupted));
}
