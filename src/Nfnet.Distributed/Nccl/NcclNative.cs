using System;
using System.Runtime.InteropServices;

namespace Nfnet.Distributed.Nccl;

/// <summary>The NCCL 2 C API (nccl.h) that gradient averaging needs, and cudaSetDevice, which NCCL's setup relies on.</summary>
internal static unsafe class NcclNative
{
    public const string Library = "libnccl.so.2";

    // libtorch's CUDA build brings the CUDA 12 runtime; a system CUDA installs libcudart.so.12 as well.
    public const string CudaRuntime = "libcudart.so.12";

    /// <summary>ncclUniqueId: 128 opaque bytes made by one rank and sent to the others (here over MPI).</summary>
    [StructLayout(LayoutKind.Sequential, Size = UniqueIdBytes)]
    public struct UniqueId
    {
        private fixed byte _bytes[UniqueIdBytes];
    }

    public const int UniqueIdBytes = 128;

    public const int Success = 0;

    // ncclDataType_t and ncclRedOp_t values from nccl.h.
    public const int Float32 = 7;
    public const int Float64 = 8;
    public const int BFloat16 = 9;
    public const int Sum = 0;

    [DllImport(Library)] public static extern int ncclGetUniqueId(out UniqueId id);
    [DllImport(Library)] public static extern int ncclCommInitRank(out IntPtr comm, int ranks, UniqueId id, int rank);
    [DllImport(Library)] public static extern int ncclAllReduce(IntPtr send, IntPtr receive, nuint count, int type, int op, IntPtr comm, IntPtr stream);
    [DllImport(Library)] public static extern int ncclBroadcast(IntPtr send, IntPtr receive, nuint count, int type, int root, IntPtr comm, IntPtr stream);
    [DllImport(Library)] public static extern int ncclCommDestroy(IntPtr comm);
    [DllImport(Library)] public static extern IntPtr ncclGetErrorString(int result);

    [DllImport(CudaRuntime)] public static extern int cudaSetDevice(int device);
    [DllImport(CudaRuntime)] public static extern int cudaStreamSynchronize(IntPtr stream);
}
