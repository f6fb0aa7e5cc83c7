using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Optim;

/// <summary>The per-output-unit L2 norm that adaptive gradient clipping compares (DeepMind unitwise_norm).</summary>
public static class UnitwiseNorm
{
    /// <summary>
    /// For tensors that are at most 1-D once size-1 dims are squeezed (biases, scalar skip gains, and gains of
    /// shape [out,1,1,1]), the norm of the whole tensor, broadcast back to the tensor's shape of ones. For
    /// anything else, the norm over dims 1..n-1 (PyTorch layout is out-first) with keepdim, i.e. one norm per
    /// output unit. Squeezing first is what DeepMind does; it makes our [out,1,1,1] gain a single unit,
    /// like DeepMind's (out,) gain vector, where timm would clip it per channel.
    /// </summary>
    public static Tensor Compute(Tensor x)
    {
        int nonUnitDims = x.shape.Count(d => d != 1);
        if (nonUnitDims <= 1 || x.dim() <= 1)
        {
            var keepShape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
            return linalg.vector_norm(x, 2).reshape(keepShape);
        }
        var dims = Enumerable.Range(1, (int)x.dim() - 1).Select(d => (long)d).ToArray();
        return linalg.vector_norm(x, 2, dims, keepdim: true);
    }
}
