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
    public void A_resume_with_more_epochs_extends_the_run_on_a_cosine_recomputed_to_the_new_end()
    {
        using var dir = new TempDirectory();
        // One epoch of 4 steps: warmup max(1, ⌈max(4·5/360, 0.4)⌉) = 1 step, cosine to step 4.
        var first = new RecordingObserver();
        using (var model = NewModel(1))
        using (var trainer = new Trainer(model, Options(dir.File("a.safetensors"), ema: null) with { Epochs = 1 }, Train, HeldOut, CPU))
            Assert.True(trainer.Run(first));
        File.Copy(dir.File("a.safetensors"), dir.File("b.safetensors"));

        // Extended to 3 epochs (12 steps) in one go.
        var extended = new RecordingObserver();
        using var whole = NewModel(2);
        using (var trainer = new Trainer(whole, Options(dir.File("a.safetensors"), ema: null), Train, HeldOut, CPU))
        {
            trainer.Resume();
            Assert.Equal(4L, trainer.ExtendedFrom);
            Assert.True(trainer.Run(extended));
        }

        // Step by step, by hand: peak 0.05; steps 0–3 warm up for 1 step and decay to step 4; steps 4–11 keep that 1-step
        // warmup (a 12-step run planned from the start would warm up for ⌈1.2⌉ = 2) and decay to the new end, step 12.
        double Cosine(long step, long warmup, long total) => 0.05 * 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / (total - warmup)));
        // (To 1e-15: the schedule groups π·(a/b) where this writes π·a/b.)
        Assert.Equal(new[] { 0.0, Cosine(1, 1, 4), Cosine(2, 1, 4), Cosine(3, 1, 4) }, first.Steps.Select(s => s.LearningRate), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal(Enumerable.Range(4, 8).Select(t => Cosine(t, 1, 12)), extended.Steps.Select(s => s.LearningRate), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal((4L, 12L, 1L, 4L), (extended.Info!.StartStep, extended.Info.TotalSteps, extended.Info.WarmupSteps, extended.Info.ExtendedFrom!.Value));
        Assert.Equal(new[] { 1, 1, 1, 1, 2, 2, 2, 2 }, extended.Steps.Select(s => s.Epoch));
        Assert.Equal(new[] { 8L, 12L }, extended.Checkpoints.Select(c => c.Step));

        // The same extension interrupted at step 6 and resumed: the checkpoint now records the 12-step run and its 1-step
        // warmup, so the rest takes the very same steps.
        using var cancellation = new CancellationTokenSource();
        var part1 = new RecordingObserver(cancellation.Cancel, stopAfterStep: 6);
        using (var model = NewModel(3))
        using (var trainer = new Trainer(model, Options(dir.File("b.safetensors"), ema: null), Train, HeldOut, CPU))
        {
            trainer.Resume();
            Assert.False(trainer.Run(part1, cancellation.Token));
        }
        var part2 = new RecordingObserver();
        using var stitched = NewModel(4);
        using (var trainer = new Trainer(stitched, Options(dir.File("b.safetensors"), ema: null), Train, HeldOut, CPU))
        {
            trainer.Resume();
            Assert.Null(trainer.ExtendedFrom);
            Assert.True(trainer.Run(part2));
        }
        Assert.Equal(extended.Steps.Select(s => (s.Step, s.BatchLoss, s.LearningRate)), part1.Steps.Concat(part2.Steps).Select(s => (s.Step, s.BatchLoss, s.LearningRate)));
        foreach (var (name, value) in whole.state_dict())
            Assert.True(value.eq(stitched.state_dict()[name]).all().item<bool>(), $"{name} differs");
    }

    [Fact]
    public void A_resume_may_not_shorten_a_run_and_other_changes_are_still_refused_with_the_list()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.safetensors");
        using (var model = NewModel(1))
        using (var trainer = new Trainer(model, Options(path, ema: null) with { Epochs = 2 }, Train, HeldOut, CPU))
            trainer.Run(new RecordingObserver());

        using var other = NewModel(1);
        using var shorter = new Trainer(other, Options(path, ema: null) with { Epochs = 1 }, Train, HeldOut, CPU);
        var error = Assert.Throws<CheckpointException>(shorter.Resume);
        Assert.Contains("total_steps: checkpoint has '8', this run has '4' (--resume can lengthen a run, not shorten it)", error.Message);

        var changed = Options(path, ema: null) with { RunDescription = new Dictionary<string, string> { ["variant"] = "T", ["lr"] = "0.1" } };
        using var longerButOther = new Trainer(other, changed, Train, HeldOut, CPU);
        error = Assert.Throws<CheckpointException>(longerButOther.Resume);
        Assert.Contains("lr: checkpoint has '0.05', this run has '0.1'", error.Message);
        Assert.DoesNotContain("total_steps", error.Message);
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
