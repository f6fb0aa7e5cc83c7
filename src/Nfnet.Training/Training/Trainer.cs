using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Nfnet.Distributed;
using Nfnet.Runtime.Optim;
using Nfnet.Training.Checkpoints;
using Nfnet.Training.Data;
using static TorchSharp.torch;

namespace Nfnet.Training.Training;

/// <summary>
/// The training loop: AgcSgd with DeepMind's parameter groups, warmup + cosine schedule, label smoothing, optional
/// weight EMA, held-out evaluation and a checkpoint at every epoch end and on cancellation. Everything random is a
/// function of the seed, the step and torch's generator state (which the checkpoint stores), so a run resumed from
/// any checkpoint takes exactly the steps the uninterrupted run would have taken.
/// <para>
/// Data-parallel (<see cref="DataParallel"/>): every rank walks the same global batches; rank r computes samples
/// [r·B/N, (r+1)·B/N) of each, with the augmentation one process would give them, averages gradients with the other
/// ranks after backward, then runs AGC and the step itself (all ranks hold the same weights, so they stay equal).
/// Losses and accuracies are summed over ranks, stopping is agreed on, and only rank 0 writes checkpoints.
/// </para>
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly TrainingOptions _options;
    private readonly IImageDataset _train;
    private readonly IImageDataset _heldOut;
    private readonly Device _device;
    private readonly AgcSgd _optimizer;
    private readonly WeightEma? _ema;
    private readonly DataParallel? _parallel;
    private WarmupCosineSchedule _schedule;
    private readonly int _stepsPerEpoch;
    private TrainingProgress _progress = TrainingProgress.Start;

    /// <summary>
    /// Prepares a run. The model must already be on <paramref name="device"/> (the optimizer holds its Parameter
    /// objects, which moving would replace). With <paramref name="parallel"/>, this process is one rank of a
    /// data-parallel run and <see cref="TrainingOptions.BatchSize"/> is the global batch.
    /// </summary>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainingOptions options, IImageDataset train, IImageDataset heldOut, Device device,
        DataParallel? parallel = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _train = train ?? throw new ArgumentNullException(nameof(train));
        _heldOut = heldOut ?? throw new ArgumentNullException(nameof(heldOut));
        _device = device;
        _parallel = parallel;
        // A batch that does not split evenly over the ranks is refused before anything is built.
        parallel?.SliceOf(options.BatchSize);
        _stepsPerEpoch = options.StepsPerEpoch(train.Count);
        TotalSteps = options.TotalSteps(train.Count);
        if (TotalSteps < 2) throw new ArgumentException("A run needs at least 2 steps (one of warmup, one of decay).", nameof(options));
        _schedule = new WarmupCosineSchedule(options.PeakLearningRate, options.WarmupFor(TotalSteps), TotalSteps);
        _optimizer = AgcSgd.ForNfnet(model, options.PeakLearningRate, options.WeightDecay, options.Momentum, nesterov: true, options.Clipping);
        if (options.EmaDecay is { } decay) _ema = new WeightEma(model, decay);
    }

    /// <summary>Optimizer steps of the whole run.</summary>
    public long TotalSteps { get; }

    /// <summary>Epochs of the whole run (the last may be partial when a step count was given).</summary>
    public int Epochs => (int)((TotalSteps + _stepsPerEpoch - 1) / _stepsPerEpoch);

    /// <summary>Steps done so far.</summary>
    public long CompletedSteps => _progress.Step;

    /// <summary>The weight EMA, when enabled.</summary>
    public WeightEma? Ema => _ema;

    /// <summary>The data-parallel group this trainer is one rank of, or null when it trains alone.</summary>
    public DataParallel? Parallel => _parallel;

    /// <summary>The length of the checkpoint's run when <see cref="Resume"/> lengthened it, else null.</summary>
    public long? ExtendedFrom { get; private set; }

    /// <summary>
    /// Continues from the checkpoint at <see cref="TrainingOptions.CheckpointPath"/>. The run may be longer than the
    /// checkpoint's (more epochs or steps): it keeps the checkpoint's warmup and peak, and the cosine is recomputed to
    /// end at the new last step, so every remaining step takes the rate of that new schedule
    /// (peak · ½(1 + cos(π (step − warmup) / (total − warmup)))). Any other change is refused. Data-parallel, every
    /// rank resumes from rank 0's checkpoint, whose bytes rank 0 broadcasts (the other ranks need no shared folder).
    /// </summary>
    public void Resume()
    {
        var path = _options.CheckpointPath ?? throw new InvalidOperationException("No checkpoint path was configured.");
        var resumed = _parallel is null ? ResumeFrom(path) : CheckpointBroadcast.Resume(_parallel, path, ResumeFrom);
        _progress = resumed.Progress;
        // The warmup already taken stays; only the end of the cosine moves.
        var warmup = resumed.WarmupSteps ?? (resumed.TotalSteps is { } before ? _options.WarmupFor(before) : _schedule.WarmupSteps);
        if (warmup != _schedule.WarmupSteps)
            _schedule = new WarmupCosineSchedule(_schedule.PeakLr, warmup, TotalSteps);
        if (resumed.TotalSteps is { } previous && previous < TotalSteps)
            ExtendedFrom = previous;
    }

    private ResumedRun ResumeFrom(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"no checkpoint to resume from at {path}");
        return TrainingCheckpoint.Resume(path, _model, _optimizer, _ema, _options.RunDescription, TotalSteps);
    }

    /// <summary>
    /// Trains until the run is complete or <paramref name="cancellation"/> is signalled; either way the state is
    /// checkpointed. Returns true when the run completed.
    /// </summary>
    public bool Run(ITrainingObserver observer, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var info = new RunInfo(TotalSteps, _stepsPerEpoch, Epochs, _progress.Step, _schedule.WarmupSteps, _schedule.PeakLr, _train.Count, _heldOut.Count, ExtendedFrom);
        observer.RunStarted(info);
        int[] order = Array.Empty<int>();
        int orderEpoch = -1;
        // Every rank starts from rank 0's weights, whatever its own initialization or file system gave it.
        _parallel?.BroadcastState(_model);
        var clock = Stopwatch.StartNew();
        double secondsBefore = _progress.EpochSeconds;

        while (_progress.Step < TotalSteps)
        {
            // Ctrl-C may reach the ranks at different steps; they stop together at the first step any rank saw it.
            bool stop = cancellation.IsCancellationRequested;
            if (_parallel is not null) stop = _parallel.Any(stop);
            if (stop)
            {
                SaveCheckpoint(observer, secondsBefore + clock.Elapsed.TotalSeconds, interrupted: true);
                return false;
            }
            long step = _progress.Step;
            int epoch = (int)(step / _stepsPerEpoch);
            int position = (int)(step % _stepsPerEpoch);
            int stepsInEpoch = (int)Math.Min(_stepsPerEpoch, TotalSteps - (long)epoch * _stepsPerEpoch);
            if (epoch != orderEpoch)
            {
                order = BatchLoader.EpochOrder(_train.Count, _options.Seed, epoch);
                orderEpoch = epoch;
                observer.EpochStarted(epoch, stepsInEpoch, position);
            }

            var batch = order.AsSpan(position * _options.BatchSize, _options.BatchSize);
            var (loss, correct, lr) = _parallel is null ? TrainStep(batch.ToArray(), step) : TrainSlice(batch, step);
            double seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            _progress = new TrainingProgress(step + 1, _progress.EpochLossSum + loss * batch.Length, _progress.EpochCorrect + correct,
                _progress.EpochSeen + batch.Length, seconds);
            observer.StepCompleted(new StepMetrics(epoch, step, position, _progress.EpochLossSum / _progress.EpochSeen, loss,
                (double)_progress.EpochCorrect / _progress.EpochSeen, lr, _progress.EpochSeen / Math.Max(seconds, 1e-9)));

            if (position + 1 == stepsInEpoch)
            {
                var heldOut = Evaluator.Run(_model, _heldOut, _options.BatchSize, _device);
                EvaluationResult? heldOutEma = null;
                if (_ema is not null)
                {
                    using (_ema.SwapInto(_model))
                        heldOutEma = Evaluator.Run(_model, _heldOut, _options.BatchSize, _device);
                }
                observer.EpochCompleted(new EpochMetrics(epoch, step + 1, _progress.EpochLossSum / _progress.EpochSeen,
                    (double)_progress.EpochCorrect / _progress.EpochSeen, heldOut, heldOutEma, lr, _progress.EpochSeen / Math.Max(seconds, 1e-9),
                    secondsBefore + clock.Elapsed.TotalSeconds));
                _progress = _progress with { EpochLossSum = 0, EpochCorrect = 0, EpochSeen = 0, EpochSeconds = 0 };
                SaveCheckpoint(observer, 0, interrupted: false);
                secondsBefore = 0;
                clock.Restart();
            }
        }
        return true;
    }

    // This rank's part of the global batch; loss and accuracy come back as the global batch's.
    private (double Loss, long Correct, double Lr) TrainSlice(ReadOnlySpan<int> batch, long step)
    {
        var (offset, count) = _parallel!.SliceOf(batch.Length);
        // Dropout and stochastic depth differ per rank (they are different samples), and are a function of
        // (seed, step, rank) so a resumed rank draws what it would have drawn without the interruption.
        if (_parallel.Size > 1)
            random.manual_seed((long)(SplitMix64.For(_options.Seed ^ 0xD15C0, step, _parallel.Rank).NextUInt64() >> 1));
        var (loss, correct, lr) = TrainStep(batch.Slice(offset, count).ToArray(), step);
        Span<double> sums = [loss * count, correct];
        _parallel.Sum(sums);
        return (sums[0] / batch.Length, (long)Math.Round(sums[1]), lr);
    }

    private (double Loss, long Correct, double Lr) TrainStep(int[] batch, long step)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = BatchLoader.Load(_train, batch, _options.Seed, augmentationKey: step, _device);
        double lr = _schedule.Apply(_optimizer, step);
        _model.train();
        _optimizer.zero_grad();
        var logits = _model.call(images);
        var loss = LabelSmoothing.Loss(logits, labels, _options.LabelSmoothing);
        if (_parallel is null)
            loss.backward();
        else
        {
            // The seam of data parallelism: each rank's mean-loss gradient, scaled by 1/N here and summed over the
            // ranks, is the global batch's; AGC and the step below see what one process would.
            using var scaled = loss * _parallel.LossScale;
            scaled.backward();
            _parallel.SumGradients(_model);
        }
        _optimizer.step();
        _ema?.Update(_model, step);
        long correct = logits.argmax(1).eq(labels).sum().item<long>();
        return (loss.item<float>(), correct, lr);
    }

    private void SaveCheckpoint(ITrainingObserver observer, double epochSeconds, bool interrupted)
    {
        if (_options.CheckpointPath is not { } path) return;
        // Every rank holds the same state; one writer keeps the file whole.
        if (_parallel is { IsRoot: false }) return;
        _progress = _progress with { EpochSeconds = epochSeconds };
        TrainingCheckpoint.Save(path, _model, _optimizer, _ema, _progress, _options.RunDescription, TotalSteps, _schedule.WarmupSteps);
        observer.CheckpointWritten(path, _progress.Step, interrupted);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _ema?.Dispose();
    }
}
