using System.Collections.Generic;
using Nfnet.Training.Training;

namespace Nfnet.Training.Reporting;

/// <summary>Forwards every event to several observers, in order.</summary>
public sealed class ObserverGroup(IReadOnlyList<ITrainingObserver> observers) : ITrainingObserver
{
    /// <inheritdoc/>
    public void RunStarted(RunInfo info) { foreach (var o in observers) o.RunStarted(info); }

    /// <inheritdoc/>
    public void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone) { foreach (var o in observers) o.EpochStarted(epoch, stepsInEpoch, stepsAlreadyDone); }

    /// <inheritdoc/>
    public void StepCompleted(StepMetrics metrics) { foreach (var o in observers) o.StepCompleted(metrics); }

    /// <inheritdoc/>
    public void EpochCompleted(EpochMetrics metrics) { foreach (var o in observers) o.EpochCompleted(metrics); }

    /// <inheritdoc/>
    public void CheckpointWritten(string path, long step, bool interrupted) { foreach (var o in observers) o.CheckpointWritten(path, step, interrupted); }
}
