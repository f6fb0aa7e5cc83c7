using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
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
    private WarmupCosineSchedule _schedule;
    private readonly int _stepsPerEpoch;
    private TrainingProgress _progress = TrainingProgress.Start;

    /// <summary>
    /// Prepares a run. The model must already be on <paramref name="device"/> (the optimizer holds its Parameter
    /// objects, which moving would replace).
    /// </summary>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainingOptions options, IImageDataset train, IImageDataset heldOut, Device device)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _train = train ?? throw new ArgumentNullException(nameof(train));
        _heldOut = heldOut ?? throw new ArgumentNullException(nameof(heldOut));
        _device = device;
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

    /// <summary>The length of the checkpoint's run when <see cref="Resume"/> lengthened it, else null.</summary>
    public long? ExtendedFrom { get; private set; }

    /// <summary>
    /// Continues from the checkpoint at <see cref="TrainingOptions.CheckpointPath"/>. The run may be longer than the
    /// checkpoint's (more epochs or steps): it keeps the checkpoint's warmup and peak, and the cosine is recomputed to
    /// end at the new last step, so every remaining step takes the rate of that new schedule
    /// (peak · ½(1 + cos(π (step − warmup) / (total − warmup)))). Any other change is refused.
    /// </summary>
    public void Resume()
    {
        var path = _options.CheckpointPath ?? throw new InvalidOperationException("No checkpoint path was configured.");
        if (!File.Exists(path)) throw new CheckpointException($"no checkpoint to resume from at {path}");
        var resumed = TrainingCheckpoint.Resume(path, _model, _optimizer, _ema, _options.RunDescription, TotalSteps);
        _progress = resumed.Progress;
        // The warmup already taken stays; only the end of the cosine moves.
        var warmup = resumed.WarmupSteps ?? (resumed.TotalSteps is { } before ? _options.WarmupFor(before) : _schedule.WarmupSteps);
        if (warmup != _schedule.WarmupSteps)
            _schedule = new WarmupCosineSchedule(_schedule.PeakLr, warmup, TotalSteps);
        if (resumed.TotalSteps is { } previous && previous < TotalSteps)
            ExtendedFrom = previous;
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
        var clock = Stopwatch.StartNew();
        double secondsBefore = _progress.EpochSeconds;

        while (_progress.Step < TotalSteps)
        {
            if (cancellation.IsCancellationRequested)
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

            var batch = order.AsSpan(position * _options.BatchSize, _options.BatchSize).ToArray();
            var (loss, correct, lr) = TrainStep(batch, step);
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

    private (double Loss, long Correct, double Lr) TrainStep(int[] batch, long step)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = BatchLoader.Load(_train, batch, _options.Seed, augmentationKey: step, _device);
        double lr = _schedule.Apply(_optimizer, step);
        _model.train();
        _optimizer.zero_grad();
        var logits = _model.call(images);
        var loss = LabelSmoothing.Loss(logits, labels, _options.LabelSmoothing);
        loss.backward();
        _optimizer.step();
        _ema?.Update(_model, step);
        long correct = logits.argmax(1).eq(labels).sum().item<long>();
        return (loss.item<float>(), correct, lr);
    }

    private void SaveCheckpoint(ITrainingObserver observer, double epochSeconds, bool interrupted)
    {
        if (_options.CheckpointPath is not { } path) return;
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
