using System.Linq;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Training;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests;

public class TrainingTests
{
    [Fact]
    public void A_short_run_on_the_synthetic_set_beats_chance_on_held_out_images()
    {
        var train = new SyntheticShapes(seed: 1, count: 256, imageSize: 32, classes: 4, split: 1);
        var heldOut = new SyntheticShapes(seed: 1, count: 64, imageSize: 32, classes: 4, split: 2);
        random.manual_seed(1);
        using var model = new PlanModel(TinySpec.Plan());
        var before = Evaluator.Run(model, heldOut, 32, CPU);
        var observer = new RecordingObserver();

        using (var trainer = new Trainer(model, new TrainingOptions { BatchSize = 16, Epochs = 4, LearningRate = 0.4, Seed = 1 }, train, heldOut, CPU))
            Assert.True(trainer.Run(observer));

        var after = observer.Epochs.Last().HeldOut;
        // Chance is 25%; an untrained network sits near it.
        Assert.InRange(before.Top1, 0.0, 0.45);
        Assert.True(after.Top1 >= 0.6, $"held-out top-1 {after.Top1:P1} after training (before: {before.Top1:P1})");
        Assert.True(observer.Steps.Last().Loss < observer.Steps.First().Loss);
    }

    [Fact]
    public void Warmup_and_total_steps_scale_with_the_run()
    {
        var options = new TrainingOptions { BatchSize = 16, Epochs = 3 };
        Assert.Equal(16, options.StepsPerEpoch(256));
        Assert.Equal(48, options.TotalSteps(256));
        // max(48·5/360, 48·0.1) = 4.8 → 5 steps.
        Assert.Equal(5, options.WarmupFor(48));
        Assert.Equal(0.1 * 16 / 256, options.PeakLearningRate);
        Assert.Equal(10, (options with { Steps = 10 }).TotalSteps(256));
    }
}
