namespace Nfnet.Training.Training;

/// <summary>Receives a run's progress: console display, metric logs and plots implement it.</summary>
public interface ITrainingObserver
{
    /// <summary>Once, before the first step (also when resuming).</summary>
    void RunStarted(RunInfo info);

    /// <summary>At the start of an epoch, or of the rest of it after a resume.</summary>
    void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone);

    /// <summary>After every optimizer step.</summary>
    void StepCompleted(StepMetrics metrics);

    /// <summary>When an epoch ends, after held-out evaluation and before its checkpoint is written.</summary>
    void EpochCompleted(EpochMetrics metrics);

    /// <summary>After a checkpoint was written.</summary>
    void CheckpointWritten(string path, long step, bool interrupted);
}

/// <summary>The shape of a run.</summary>
/// <param name="ExtendedFrom">The length of the checkpoint's run when this resume lengthened it (the schedule now ends at <paramref name="TotalSteps"/>).</param>
public sealed record RunInfo(long TotalSteps, int StepsPerEpoch, int Epochs, long StartStep, long WarmupSteps, double PeakLearningRate, int TrainImages, int HeldOutImages,
    long? ExtendedFrom = null);

/// <summary>One step; the loss and accuracy are running means over the epoch so far.</summary>
public sealed record StepMetrics(int Epoch, long Step, int StepInEpoch, double Loss, double BatchLoss, double Accuracy, double LearningRate, double ImagesPerSecond);

/// <summary>One epoch: training means, held-out results (and those of the EMA weights when enabled).</summary>
public sealed record EpochMetrics(
    int Epoch,
    long Step,
    double TrainLoss,
    double TrainAccuracy,
    EvaluationResult HeldOut,
    EvaluationResult? HeldOutEma,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds);
