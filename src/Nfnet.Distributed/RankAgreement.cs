using System;

namespace Nfnet.Distributed;

/// <summary>
/// Turns rank-local outcomes of a phase (start-up checks, loading data, resuming) into one outcome for the run: if any
/// rank failed, every rank learns which rank failed first and with what exit code, so all of them stop, and only that
/// rank prints. Without it, a rank that fails alone leaves the others waiting in their next collective.
/// </summary>
public static class RankAgreement
{
    /// <summary>
    /// Collective: pass 0 when this rank's phase succeeded, else its exit code. Returns null when every rank
    /// succeeded, else the lowest failing rank and its exit code.
    /// </summary>
    public static RankFailure? Agree(ICommunicator communicator, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        Span<long> first = [exitCode != 0 ? communicator.Rank : communicator.Size];
        communicator.AllReduceMin(first);
        if (first[0] == communicator.Size) return null;
        int failing = (int)first[0];
        Span<byte> code = BitConverter.GetBytes(exitCode);
        communicator.Broadcast(code, root: failing);
        return new RankFailure(failing, BitConverter.ToInt32(code));
    }
}

/// <summary>The first rank that failed and its exit code, which every rank exits with.</summary>
public sealed record RankFailure(int Rank, int ExitCode);
