using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Nfnet.Training.Checkpoints;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Training;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests;

public class ResumeTests
{
    private static readonly SyntheticShapes Train = new(seed: 3, count: 32, imageSize: 16, classes: 4, split: 1);
    private static readonly SyntheticShapes HeldOut = new(seed: 3, count: 8, imageSize: 16, classes: 4, split: 2);

    private static TrainingOptions Options(string checkpoint, double? ema = 0.9) => new()
    {
        BatchSize = 8,
        Epochs = 3,
        LearningRate = 0.05,
        EmaDecay = ema,
        Seed = 11,
        CheckpointPath = checkpoint,
        RunDescription = new Dictionary<string, string> { ["variant"] = "T", ["lr"] = "0.05" },
    };

    private static PlanModel NewModel(long initSeed)
    {
        random.manual_seed(initSeed);
        return new PlanModel(TinySpec.Plan());
    }

    [Fact]
    public void Interrupted_then_resumed_run_matches_the_uninterrupted_run_bit_for_bit()
    {
        using var dir = new TempDirectory();

        // Uninterrupted: 3 epochs × 4 steps.
        using var reference = NewModel(1);
        var full = new RecordingObserver();
        using (var trainer = new Trainer(reference, Options(dir.File("a.safetensors")), Train, HeldOut, CPU))
            Assert.True(trainer.Run(full));

        // Interrupted in the middle of epoch 2 (after step 5), then resumed into a differently initialised model.
        using var cancellation = new CancellationTokenSource();
        var first = new RecordingObserver(cancellation.Cancel, stopAfterStep: 5);
        using (var model = NewModel(1))
        using (var trainer = new Trainer(model, Options(dir.File("b.safetensors")), Train, HeldOut, CPU))
            Assert.False(trainer.Run(first, cancellation.Token));
        Assert.Equal((6L, true), first.Checkpoints.Last());

        random.manual_seed(999); // whatever the generator holds now must not matter: the checkpoint restores it
        using var resumed = NewModel(2);
        var second = new RecordingObserver();
        using (var trainer = new Trainer(resumed, Options(dir.File("b.safetensors")), Train, HeldOut, CPU))
        {
            trainer.Resume();
            Assert.True(trainer.Run(second));
        }

        Assert.Equal(12, full.Steps.Count);
        Assert.Equal(6L, second.Info!.StartStep);
        var stitched = first.Steps.Concat(second.Steps).ToList();
        Assert.Equal(full.Steps.Select(s => s.BatchLoss), stitched.Select(s => s.BatchLoss));
        Assert.Equal(full.Steps.Select(s => s.Loss), stitched.Select(s => s.Loss));
        Assert.Equal(full.Steps.Select(s => s.LearningRate), stitched.Select(s => s.LearningRate));
        // Epoch 2's summary covers steps from both halves, so the running sums were checkpointed too.
        Assert.Equal(full.Epochs.Select(e => (e.TrainLoss, e.TrainAccuracy, e.HeldOut.Loss, e.HeldOutEma!.Loss)),
            first.Epochs.Concat(second.Epochs).Select(e => (e.TrainLoss, e.TrainAccuracy, e.HeldOut.Loss, e.HeldOutEma!.Loss)));
        foreach (var (name, value) in reference.state_dict())
            Assert.True(value.eq(resumed.state_dict()[name]).all().item<bool>(), $"{name} differs after resuming");
    }

    [Fact]
    public void Resume_refuses_a_checkpoint_of_a_run_with_other_settings_and_names_them()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.safetensors");
        using (var model = NewModel(1))
        using (var trainer = new Trainer(model, Options(path) with { Steps = 2 }, Train, HeldOut, CPU))
            trainer.Run(new RecordingObserver());

        using var other = NewModel(1);
        var changed = Options(path) with { RunDescription = new Dictionary<string, string> { ["variant"] = "T", ["lr"] = "0.1" } };
        using var resumed = new Trainer(other, changed, Train, HeldOut, CPU);

        var error = Assert.Throws<CheckpointException>(resumed.Resume);
        Assert.Contains("lr: checkpoint has '0.05', this run has '0.1'", error.Message);
    }

    [Fact]
    public void Checkpoints_are_written_whole_or_not_at_all()
    {
        using var dir = new TempDirectory();
        var path = dir.File("checkpoint.safetensors");
        File.WriteAllText(path, "previous");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_checkpoint_is_written_at_every_epoch_end_and_holds_the_step()
    {
        using var dir = new TempDirectory();
        var observer = new RecordingObserver();
        using (var model = NewModel(1))
        using (var trainer = new Trainer(model, Options(dir.File("d.safetensors"), ema: null), Train, HeldOut, CPU))
            trainer.Run(observer);

        Assert.Equal(new[] { (4L, false), (8L, false), (12L, false) }, observer.Checkpoints);
        using var content = SafetensorsFile.Read(dir.File("d.safetensors"));
        Assert.Equal("12", content.Metadata["step"]);
        Assert.Equal(TrainingCheckpoint.Format, content.Metadata["format"]);
        Assert.Contains("model.head.fc.weight", content.Tensors.Keys);
        Assert.DoesNotContain(content.Tensors.Keys, k => k.StartsWith("ema.", StringComparison.Ordinal));
    }
}
