using System;

namespace Nfnet.Distributed;

/// <summary>
/// A data-parallel run cannot start or continue (no MPI library, a collective failed, ranks launched differently).
/// <see cref="ReportHere"/> is false on the ranks that only learned of another rank's failure: the failing rank
/// reports it, so the launcher's console shows one message, not one per rank.
/// </summary>
public sealed class DistributedException(string message, bool reportHere = true) : Exception(message)
{
    /// <summary>Whether this rank should print the message (false: another rank prints it).</summary>
    public bool ReportHere { get; } = reportHere;
}
