using System.Linq;
using Nfnet.Distributed.Nccl;
using Nfnet.Distributed.Tests.Mpi;
using Nfnet.Training.Weights;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Nfnet.Distributed.Tests.Nccl;

/// <summary>A fact that needs two CUDA devices, libnccl and mpirun, and otherwise says which one is missing.</summary>
public sealed class NcclFactAttribute : FactAttribute
{
    public NcclFactAttribute()
    {
        if (!cuda.is_available())
            Skip = "No CUDA device: torch.cuda.is_available() is false (this build uses the CPU libtorch; docs/gpu.md builds with -p:NfnetTorchBackend=cuda). NCCL is tested only where CUDA and NCCL exist.";
        else if (cuda.device_count() < 2)
            Skip = "NCCL data parallelism needs two CUDA devices (NCCL refuses two ranks on one GPU); this machine has one.";
        else if (!NcclTensorCollectives.IsAvailable(out var reason))
            Skip = reason;
        else if (Mpirun.WhyNot is { } mpi)
            Skip = mpi;
    }
}

public class NcclTests(ITestOutputHelper output)
{
    [NcclFact]
    public void Two_GPU_ranks_average_gradients_with_NCCL_and_match_one_GPU()
    {
        using var dir = DataParallelTrainingTests.Folder();
        var two = Mpirun.Launch(dir.Path, ["-np", "2", "nfnet", "train", "--device", "cuda", "--epochs", "1", "--out", "two", .. DataParallelTrainingTests.Common]);
        Assert.True(two.Code == 0, two.Error);
        Assert.Contains("on cuda, data-parallel over 2 ranks (NCCL, MPI for setup), one GPU each", two.Out);
        var one = Mpirun.Alone(dir.Path, ["train", "--device", "cuda", "--epochs", "1", "--out", "one", .. DataParallelTrainingTests.Common]);
        Assert.True(one.Code == 0, one.Error);

        using var a = SafetensorsFile.Read(dir.File("one/model.safetensors"));
        using var b = SafetensorsFile.Read(dir.File("two/model.safetensors"));
        double difference = a.Tensors.Max(p => (p.Value - b.Tensors[p.Key]).abs().max().item<float>());
        output.WriteLine($"max |Δw| after 4 steps on 2 GPUs: {difference:E3}");
        // cuDNN's convolution backward may itself reorder sums between runs: the CPU bound with room for that.
        Assert.True(difference <= 10 * DataParallelTrainingTests.Tolerance(4), $"max |Δw| {difference:E3}");
    }
}
