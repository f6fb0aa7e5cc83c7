using System;

namespace Nfnet.Distributed;

/// <summary>
/// Host-side collectives over all ranks of a run: small metric vectors, flags, and byte broadcasts (launch checks,
/// checkpoints, NCCL's rendezvous id). Every rank must make the same calls in the same order.
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's rank, 0 ≤ Rank &lt; Size.</summary>
    int Rank { get; }

    /// <summary>Number of ranks.</summary>
    int Size { get; }

    /// <summary>What carries the messages, e.g. "MPI" (shown in the run's first line).</summary>
    string Backend { get; }

    /// <summary>Element-wise sum over ranks, in place.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>Element-wise minimum over ranks, in place.</summary>
    void AllReduceMin(Span<long> values);

    /// <summary>Element-wise sum over ranks of a float32 buffer in place, e.g. a gradient bucket in host memory.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Replaces <paramref name="data"/> on every rank with <paramref name="root"/>'s.</summary>
    void Broadcast(Span<byte> data, int root);

    /// <summary>Ends every rank of the run at once with <paramref name="exitCode"/> (a rank failed past the point where the ranks can agree to stop).</summary>
    void Abort(int exitCode);
}
