using TorchSharp;
using Nfnet.Runtime.Optim;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class ScheduleTests
{
    [Fact]
    public void Warmup_then_cosine_hits_the_landmarks()
    {
        var schedule = new WarmupCosineSchedule(peakLr: 1.6, warmupSteps: 10, totalSteps: 110);
        Assert.Equal(0.0, schedule.LearningRate(0));
        Assert.Equal(0.8, schedule.LearningRate(5), 12);          // halfway through warmup
        Assert.Equal(1.6, schedule.LearningRate(10), 12);         // end of warmup: cos(0) = 1
        Assert.Equal(0.8, schedule.LearningRate(60), 12);         // cosine midpoint: 0.5·(1 + cos(π/2))
        Assert.Equal(1.6 * 0.5 * (1 + System.Math.Cos(System.Math.PI * 0.25)), schedule.LearningRate(35), 12);
        Assert.Equal(0.0, schedule.LearningRate(110), 12);        // end: 0.5·(1 + cos π) = 0
        Assert.Equal(0.0, schedule.LearningRate(500), 12);
    }

    [Fact]
    public void Apply_sets_every_parameter_group()
    {
        var p1 = new Parameter(zeros(2));
        var p2 = new Parameter(zeros(2));
        using var opt = new AgcSgd(new[] { new AgcSgd.ParamGroup(new[] { p1 }), new AgcSgd.ParamGroup(new[] { p2 }, weightDecay: 0.0) }, lr: 9.0);
        var schedule = new WarmupCosineSchedule(0.4, 4, 8);
        Assert.Equal(0.2, schedule.Apply(opt, 2), 12);
        Assert.All(opt.ParamGroups, g => Assert.Equal(0.2, g.LearningRate, 12));
    }
}
