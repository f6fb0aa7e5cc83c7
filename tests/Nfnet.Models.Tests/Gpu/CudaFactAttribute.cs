using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests.Gpu;

/// <summary>A fact that runs only where libtorch sees a CUDA device, and otherwise reports why it was skipped.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public const string NoCudaReason =
        "No CUDA device: torch.cuda.is_available() is false (this build uses the CPU libtorch; see docs/gpu.md to build with -p:NfnetTorchBackend=cuda).";

    public CudaFactAttribute()
    {
        if (!cuda.is_available())
            Skip = NoCudaReason;
    }
}
