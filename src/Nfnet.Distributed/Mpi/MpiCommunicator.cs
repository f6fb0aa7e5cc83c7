using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Nfnet.Distributed.Mpi;

/// <summary>
/// MPI_COMM_WORLD through <see cref="MpiNative"/>. Errors are returned, not fatal (MPI_ERRORS_RETURN), and become
/// <see cref="DistributedException"/>s naming the call; the default handler would abort with MPI's own banner.
/// Dispose finalizes MPI, which must happen once per process.
/// </summary>
public sealed unsafe class MpiCommunicator : ICommunicator
{
    // MPI takes int counts: larger buffers go in chunks of this many elements.
    private const int MaxCount = 1 << 30;

    private readonly MpiAbi _abi;
    private bool _disposed;

    private MpiCommunicator(MpiAbi abi, int rank, int size, string library)
    {
        _abi = abi;
        Rank = rank;
        Size = size;
        Library = library;
    }

    /// <summary>Initializes MPI (threads: funneled, all MPI calls come from the training thread) and joins MPI_COMM_WORLD.</summary>
    public static MpiCommunicator Initialize()
    {
        var (handle, path) = MpiNative.Load();
        var abi = MpiAbi.Of(handle, path);
        Check(MpiNative.MPI_Initialized(out int initialized), "MPI_Initialized");
        if (initialized == 0)
            Check(MpiNative.MPI_Init_thread(IntPtr.Zero, IntPtr.Zero, MpiNative.ThreadFunneled, out _), "MPI_Init_thread");
        Check(MpiNative.MPI_Comm_set_errhandler(abi.CommWorld, abi.ErrorsReturn), "MPI_Comm_set_errhandler");
        Check(MpiNative.MPI_Comm_rank(abi.CommWorld, out int rank), "MPI_Comm_rank");
        Check(MpiNative.MPI_Comm_size(abi.CommWorld, out int size), "MPI_Comm_size");
        return new MpiCommunicator(abi, rank, size, $"{abi.Name} ({path})");
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public string Backend => "MPI";

    /// <summary>The MPI implementation and library loaded.</summary>
    public string Library { get; }

    /// <inheritdoc/>
    public void AllReduceSum(Span<double> values)
    {
        fixed (double* p = values) AllReduce(p, values.Length, sizeof(double), _abi.Double, _abi.Sum);
    }

    /// <inheritdoc/>
    public void AllReduceMin(Span<long> values)
    {
        fixed (long* p = values) AllReduce(p, values.Length, sizeof(long), _abi.LongLong, _abi.Min);
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values)
    {
        fixed (float* p = values) AllReduce(p, values.Length, sizeof(float), _abi.Float, _abi.Sum);
    }

    /// <summary>In-place sum over ranks of <paramref name="count"/> float32 values at <paramref name="data"/> (a contiguous CPU tensor's storage).</summary>
    public void AllReduceSumFloat32(IntPtr data, long count) => AllReduce((void*)data, count, sizeof(float), _abi.Float, _abi.Sum);

    /// <summary>In-place sum over ranks of <paramref name="count"/> float64 values at <paramref name="data"/>.</summary>
    public void AllReduceSumFloat64(IntPtr data, long count) => AllReduce((void*)data, count, sizeof(double), _abi.Double, _abi.Sum);

    private void AllReduce(void* data, long count, int elementSize, IntPtr type, IntPtr op)
    {
        ThrowIfDisposed();
        for (long done = 0; done < count; done += MaxCount)
        {
            int n = (int)Math.Min(MaxCount, count - done);
            Check(MpiNative.MPI_Allreduce((void*)_abi.InPlace, (byte*)data + done * elementSize, n, type, op, _abi.CommWorld), "MPI_Allreduce");
        }
    }

    /// <inheritdoc/>
    public void Broadcast(Span<byte> data, int root)
    {
        ThrowIfDisposed();
        fixed (byte* p = data)
        {
            for (long done = 0; done < data.Length; done += MaxCount)
            {
                int n = (int)Math.Min(MaxCount, data.Length - done);
                Check(MpiNative.MPI_Bcast(p + done, n, _abi.Byte, root, _abi.CommWorld), "MPI_Bcast");
            }
        }
    }

    /// <inheritdoc/>
    public void Abort(int exitCode) => MpiNative.MPI_Abort(_abi.CommWorld, exitCode);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static void Check(int code, string call)
    {
        if (code == MpiNative.Success) return;
        throw new DistributedException($"{call} failed: {ErrorText(code)} (MPI error {code}); another rank probably ended");
    }

    private static string ErrorText(int code)
    {
        // MPI_MAX_ERROR_STRING is 256 in OpenMPI and 1024 in MPICH.
        var text = new byte[1024];
        fixed (byte* p = text)
            return MpiNative.MPI_Error_string(code, p, out int length) == MpiNative.Success ? Encoding.ASCII.GetString(text, 0, length) : "unknown error";
    }

    /// <summary>Finalizes MPI (collective: returns once every rank has finalized or ended).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (MpiNative.MPI_Finalized(out int finalized) == MpiNative.Success && finalized == 0)
            MpiNative.MPI_Finalize();
    }
}
