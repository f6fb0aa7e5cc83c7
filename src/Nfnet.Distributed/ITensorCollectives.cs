using System;
using static TorchSharp.torch;

namespace Nfnet.Distributed;

/// <summary>
/// Collectives on tensor storage, in place: MPI for CPU tensors, NCCL for CUDA tensors. The tensors must be
/// contiguous and live on the device the implementation serves; every rank passes tensors of the same shape and dtype.
/// </summary>
public interface ITensorCollectives : IDisposable
{
    /// <summary>What moves the data, e.g. "MPI" or "NCCL".</summary>
    string Backend { get; }

    /// <summary>Replaces <paramref name="tensor"/> with its element-wise sum over all ranks.</summary>
    void SumInPlace(Tensor tensor);

    /// <summary>Replaces <paramref name="tensor"/> on every rank with <paramref name="root"/>'s.</summary>
    void BroadcastInPlace(Tensor tensor, int root);
}

/// <summary>Checks shared by the implementations.</summary>
internal static class TensorChecks
{
    public static void Contiguous(Tensor tensor, string backend)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.is_contiguous())
            throw new ArgumentException($"{backend} collectives work on contiguous storage; got a tensor of shape [{string.Join(", ", tensor.shape)}] that is not contiguous", nameof(tensor));
    }
}
