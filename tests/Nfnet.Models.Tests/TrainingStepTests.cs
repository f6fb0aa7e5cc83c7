using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

public class TrainingStepTests
{
    [Fact]
    public void One_agc_sgd_step_on_cpu() => TrainingStep.OneStep(CPU);

    [Fact]
    public void Repeated_steps_on_one_batch_lower_the_loss_on_cpu() => TrainingStep.LossFalls(CPU, steps: 10);
}
