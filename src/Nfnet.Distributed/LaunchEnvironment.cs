using System;
using System.Collections.Generic;
using System.Globalization;

namespace Nfnet.Distributed;

/// <summary>
/// Whether this process was started by an MPI launcher, read from the variables launchers set for their processes:
/// OpenMPI's mpirun (OMPI_COMM_WORLD_*), PMIx servers such as OpenMPI 5 and Slurm's srun --mpi=pmix (PMIX_RANK),
/// the MPICH family's Hydra (PMI_RANK/PMI_SIZE) and MVAPICH (MV2_COMM_WORLD_*). The rank and size MPI itself reports
/// after initialization are authoritative; these only decide whether to initialize MPI at all, so a plain
/// `nfnet train` never loads an MPI library.
/// </summary>
public sealed record LaunchEnvironment(string Launcher, int? Rank, int? Size, int? LocalRank, int? LocalSize)
{
    /// <summary>Set to 1 to train in one process even under an MPI launcher (each rank then trains alone: rarely wanted).</summary>
    public const string OptOutVariable = "NFNET_NO_MPI";

    /// <summary>The launch described by the process environment, or null when no MPI launcher started this process.</summary>
    public static LaunchEnvironment? FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return Detect(variables);
    }

    /// <summary>The launch described by <paramref name="variables"/>, or null when they show no MPI launcher.</summary>
    public static LaunchEnvironment? Detect(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.GetValueOrDefault(OptOutVariable) == "1") return null;
        int? Read(string name) =>
            variables.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

        if (Read("OMPI_COMM_WORLD_RANK") is { } ompiRank)
            return new LaunchEnvironment("OpenMPI", ompiRank, Read("OMPI_COMM_WORLD_SIZE"), Read("OMPI_COMM_WORLD_LOCAL_RANK"), Read("OMPI_COMM_WORLD_LOCAL_SIZE"));
        if (Read("PMIX_RANK") is { } pmixRank)
            return new LaunchEnvironment("PMIx", pmixRank, Read("SLURM_NTASKS") ?? Read("PMI_SIZE"), Read("SLURM_LOCALID") ?? Read("MPI_LOCALRANKID"),
                Read("SLURM_NTASKS_PER_NODE") ?? Read("MPI_LOCALNRANKS"));
        if (Read("PMI_RANK") is { } pmiRank)
            return new LaunchEnvironment("PMI", pmiRank, Read("PMI_SIZE"), Read("MPI_LOCALRANKID"), Read("MPI_LOCALNRANKS"));
        if (Read("MV2_COMM_WORLD_RANK") is { } mv2Rank)
            return new LaunchEnvironment("MVAPICH", mv2Rank, Read("MV2_COMM_WORLD_SIZE"), Read("MV2_COMM_WORLD_LOCAL_RANK"), Read("MV2_COMM_WORLD_LOCAL_SIZE"));
        return null;
    }

    /// <summary>
    /// libtorch threads for this rank when OMP_NUM_THREADS does not say: the machine's cores shared by the ranks on this
    /// node, at least 1 (two ranks with all cores each would fight over them).
    /// </summary>
    public int ThreadsPerRank(int processorCount) => Math.Max(1, processorCount / Math.Max(1, LocalSize ?? 1));
}
