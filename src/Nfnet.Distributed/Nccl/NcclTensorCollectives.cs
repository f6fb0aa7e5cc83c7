using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Distributed.Nccl;

/// <summary>
/// NCCL all-reduce and broadcast of CUDA tensors, one GPU per rank. Rank 0 makes the ncclUniqueId and broadcasts it
/// over the host communicator (MPI), then every rank joins with ncclCommInitRank. The operations run on the legacy
/// default CUDA stream, which libtorch also uses unless told otherwise, so they are ordered after backward's kernels
/// and before the optimizer's without an explicit synchronization.
/// </summary>
public sealed class NcclTensorCollectives : ITensorCollectives
{
    private readonly IntPtr _comm;
    private readonly int _device;
    private bool _disposed;

    private NcclTensorCollectives(IntPtr comm, int device)
    {
        _comm = comm;
        _device = device;
    }

    /// <summary>Whether libnccl.so.2 can be loaded here (else NCCL cannot serve CUDA tensors).</summary>
    public static bool IsAvailable(out string reason)
    {
        if (!NativeLibrary.TryLoad(NcclNative.Library, out var handle))
        {
            reason = $"{NcclNative.Library} cannot be loaded (install NCCL 2, e.g. apt-get install libnccl2, or put it on LD_LIBRARY_PATH)";
            return false;
        }
        NativeLibrary.Free(handle);
        reason = "";
        return true;
    }

    /// <summary>Joins every rank of <paramref name="host"/> in one NCCL communicator on CUDA device <paramref name="device"/>.</summary>
    public static unsafe NcclTensorCollectives Create(ICommunicator host, int device)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!IsAvailable(out var reason)) throw new DistributedException($"--device cuda under MPI needs NCCL: {reason}");
        CheckCuda(NcclNative.cudaSetDevice(device), $"cudaSetDevice({device})");
        var id = default(NcclNative.UniqueId);
        if (host.Rank == 0) Check(NcclNative.ncclGetUniqueId(out id), "ncclGetUniqueId");
        host.Broadcast(new Span<byte>(&id, NcclNative.UniqueIdBytes), root: 0);
        Check(NcclNative.ncclCommInitRank(out var comm, host.Size, id, host.Rank), "ncclCommInitRank");
        return new NcclTensorCollectives(comm, device);
    }

    /// <inheritdoc/>
    public string Backend => "NCCL";

    /// <inheritdoc/>
    public void SumInPlace(Tensor tensor)
    {
        CheckTensor(tensor);
        var data = TensorMemory.Address(tensor);
        Check(NcclNative.ncclAllReduce(data, data, (nuint)tensor.numel(), TypeOf(tensor), NcclNative.Sum, _comm, IntPtr.Zero), "ncclAllReduce");
    }

    /// <inheritdoc/>
    public void BroadcastInPlace(Tensor tensor, int root)
    {
        CheckTensor(tensor);
        var data = TensorMemory.Address(tensor);
        Check(NcclNative.ncclBroadcast(data, data, (nuint)tensor.numel(), TypeOf(tensor), root, _comm, IntPtr.Zero), "ncclBroadcast");
        // Broadcasts happen at start-up only; waiting here keeps a failure next to its cause.
        CheckCuda(NcclNative.cudaStreamSynchronize(IntPtr.Zero), "cudaStreamSynchronize");
    }

    private void CheckTensor(Tensor tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        TensorChecks.Contiguous(tensor, "NCCL");
        if (tensor.device_type != DeviceType.CUDA || tensor.device_index != _device)
            throw new ArgumentException($"this rank's NCCL communicator serves cuda:{_device}; got a {tensor.device} tensor", nameof(tensor));
    }

    private static int TypeOf(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => NcclNative.Float32,
        ScalarType.Float64 => NcclNative.Float64,
        ScalarType.BFloat16 => NcclNative.BFloat16,
        _ => throw new ArgumentException($"NCCL gradient all-reduce supports float32, float64 and bfloat16, not {tensor.dtype}", nameof(tensor)),
    };

    private static void Check(int result, string call)
    {
        if (result == NcclNative.Success) return;
        var text = Marshal.PtrToStringAnsi(NcclNative.ncclGetErrorString(result)) ?? "unknown error";
        throw new DistributedException($"{call} failed: {text} (NCCL result {result})");
    }

    private static void CheckCuda(int result, string call)
    {
        if (result != 0) throw new DistributedException($"{call} failed with CUDA error {result}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        NcclNative.ncclCommDestroy(_comm);
    }
}
