using System;
using Nfnet.Distributed;

namespace Nfnet.Cli.Commands;

/// <summary>
/// How `nfnet train` fails as one run when it is one rank of several. Start-up happens in phases that end at
/// <see cref="Pass"/>: a rank that fails inside a phase meets the others at the same agreement
/// (<see cref="RankAgreement"/>) instead of leaving them waiting, the lowest failing rank prints its message, and every
/// rank exits with its code. Once training runs, ranks are inside collectives and cannot meet again, so a failure
/// there prints and aborts the whole MPI job (the last checkpoint, written atomically, stays intact). Alone (no
/// <see cref="DataParallel"/>), failures are reported as they always were.
/// </summary>
internal sealed class RankGate(DataParallel? parallel)
{
    private bool _inPhase = true;
    private bool _training;

    /// <summary>Collective: ends a start-up phase that succeeded on this rank; throws when it failed on another.</summary>
    public void Pass()
    {
        if (parallel is null) return;
        _inPhase = false;
        if (RankAgreement.Agree(parallel.Communicator, 0) is { } failure)
            throw new PeerFailedException(failure);
        _inPhase = true;
    }

    /// <summary>From here on a failure aborts every rank.</summary>
    public void TrainingStarted() => _training = true;

    /// <summary>Training ended on every rank; failures are this rank's own again (rank 0 exporting its weights).</summary>
    public void TrainingEnded()
    {
        _training = false;
        _inPhase = false;
    }

    /// <summary>Passes on the code a rank returned; one returned during start-up tells the other ranks to stop too.</summary>
    public int Returned(int code)
    {
        if (parallel is null || !_inPhase || code == 0) return code;
        return RankAgreement.Agree(parallel.Communicator, code)!.ExitCode;
    }

    /// <summary>Reports <paramref name="e"/> as this rank should and returns the exit code every rank uses.</summary>
    public int Fail(CliContext context, Exception e)
    {
        int code = e is DistributedException or PeerFailedException ? TrainCommand.Failed : RunFailures.ExitCodeOf(e);
        if (e is PeerFailedException peer) return peer.Failure.ExitCode;
        if (parallel is null) return RunFailures.Report(context, "train", e);
        var here = e is not DistributedException { ReportHere: false };
        if (_training)
        {
            context.Error.WriteLine($"nfnet train: rank {parallel.Rank}: {e.Message}; stopping every rank");
            context.Error.Flush();
            parallel.Communicator.Abort(code);
            return code;
        }
        if (_inPhase && e is not DistributedException)
        {
            // A collective check (LaunchCheck) fails on every rank at once; anything else needs the agreement.
            var failure = RankAgreement.Agree(parallel.Communicator, code)!;
            if (failure.Rank != parallel.Rank) return failure.ExitCode;
            code = failure.ExitCode;
        }
        // LaunchCheck's messages name the rank themselves.
        if (here) context.Error.WriteLine(parallel.Rank == 0 || e is DistributedException ? $"nfnet train: {e.Message}" : $"nfnet train: rank {parallel.Rank}: {e.Message}");
        return code;
    }
}

/// <summary>Another rank failed in the same start-up phase and reports it; this one only exits with its code.</summary>
internal sealed class PeerFailedException(RankFailure failure) : Exception($"rank {failure.Rank} failed")
{
    public RankFailure Failure { get; } = failure;
}
