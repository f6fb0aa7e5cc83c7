using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests.Gpu;

/// <summary>The CPU shape and training-step checks, repeated on CUDA; skipped with a reason where there is no GPU.</summary>
public class CudaTests
{
    [CudaFact]
    public void F0_forward_has_the_planned_shapes_on_cuda()
    {
        manual_seed(20);
        using var model = new NfnetF0(numClasses: 10, device: CUDA);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(2, 3, 64, 64, device: CUDA);
        var expected = new[]
        {
            new long[] { 2, 128, 16, 16 }, new long[] { 2, 256, 16, 16 }, new long[] { 2, 512, 8, 8 },
            new long[] { 2, 1536, 4, 4 }, new long[] { 2, 1536, 2, 2 },
        };
        var stages = GeneratedModel.ForwardStages(model, input);
        Assert.Equal(expected, stages.Select(t => t.shape).ToList());
        Assert.All(stages, t => Assert.Equal(DeviceType.CUDA, t.device_type));
        var logits = model.call(input);
        Assert.Equal(new long[] { 2, 10 }, logits.shape);

        // The same weights on the CPU give the same logits (float32 conv algorithms differ slightly).
        using var cpuModel = new NfnetF0(numClasses: 10);
        cpuModel.load_state_dict(model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.cpu()));
        cpuModel.eval();
        Assert.True(cpuModel.call(input.cpu()).allclose(logits.cpu(), rtol: 1e-3, atol: 1e-4));
    }

    [CudaFact]
    public void One_agc_sgd_step_on_cuda() => TrainingStep.OneStep(CUDA);

    [CudaFact]
    public void Repeated_steps_on_one_batch_lower_the_loss_on_cuda() => TrainingStep.LossFalls(CUDA, steps: 10);

    [Fact]
    public void Cuda_availability_is_reported_consistently()
    {
        // Whatever the machine: the skip decision and libtorch's device count agree.
        Assert.Equal(cuda.is_available(), cuda.device_count() > 0);
    }
}
