using System;
using Nfnet.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Distributed.Mpi;

/// <summary>MPI_Allreduce / MPI_Bcast on the storage of contiguous CPU tensors (float32 or float64), with no copy.</summary>
public sealed class MpiTensorCollectives(MpiCommunicator communicator) : ITensorCollectives
{
    /// <inheritdoc/>
    public string Backend => "MPI";

    /// <inheritdoc/>
    public void SumInPlace(Tensor tensor)
    {
        Check(tensor);
        if (tensor.dtype == ScalarType.Float32) communicator.AllReduceSumFloat32(TensorMemory.Address(tensor), tensor.numel());
        else if (tensor.dtype == ScalarType.Float64) communicator.AllReduceSumFloat64(TensorMemory.Address(tensor), tensor.numel());
        else throw new ArgumentException($"MPI gradient all-reduce supports float32 and float64 tensors, not {tensor.dtype}", nameof(tensor));
    }

    /// <inheritdoc/>
    public unsafe void BroadcastInPlace(Tensor tensor, int root)
    {
        Check(tensor);
        long bytes = tensor.numel() * tensor.element_size();
        communicator.Broadcast(new Span<byte>((void*)TensorMemory.Address(tensor), checked((int)bytes)), root);
    }

    private static void Check(Tensor tensor)
    {
        TensorChecks.Contiguous(tensor, "MPI");
        if (tensor.device_type != DeviceType.CPU)
            throw new ArgumentException($"MPI collectives here take CPU tensors; a {tensor.device} tensor goes through NCCL", nameof(tensor));
    }

    /// <summary>The communicator belongs to the caller, which finalizes MPI.</summary>
    public void Dispose()
    {
    }
}
