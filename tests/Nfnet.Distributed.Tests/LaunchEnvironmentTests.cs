using System.Collections.Generic;
using Nfnet.Distributed;
using Xunit;

namespace Nfnet.Distributed.Tests;

public class LaunchEnvironmentTests
{
    private static LaunchEnvironment? Detect(params (string, string)[] variables)
    {
        var map = new Dictionary<string, string>();
        foreach (var (k, v) in variables) map[k] = v;
        return LaunchEnvironment.Detect(map);
    }

    [Fact]
    public void A_plain_process_is_not_a_rank()
    {
        Assert.Null(Detect(("PATH", "/usr/bin"), ("OMP_NUM_THREADS", "2")));
    }

    [Fact]
    public void OpenMPI_mpirun_gives_rank_size_and_the_node_share()
    {
        var launch = Detect(("OMPI_COMM_WORLD_RANK", "3"), ("OMPI_COMM_WORLD_SIZE", "8"), ("OMPI_COMM_WORLD_LOCAL_RANK", "1"), ("OMPI_COMM_WORLD_LOCAL_SIZE", "4"));
        Assert.Equal(new LaunchEnvironment("OpenMPI", 3, 8, 1, 4), launch);
    }

    [Fact]
    public void Hydra_PMI_and_Slurm_PMIx_are_recognized()
    {
        Assert.Equal(new LaunchEnvironment("PMI", 1, 2, 1, 2), Detect(("PMI_RANK", "1"), ("PMI_SIZE", "2"), ("MPI_LOCALRANKID", "1"), ("MPI_LOCALNRANKS", "2")));
        Assert.Equal(new LaunchEnvironment("PMIx", 5, 16, 1, 4), Detect(("PMIX_RANK", "5"), ("SLURM_NTASKS", "16"), ("SLURM_LOCALID", "1"), ("SLURM_NTASKS_PER_NODE", "4")));
        Assert.Equal(new LaunchEnvironment("MVAPICH", 0, 2, null, null), Detect(("MV2_COMM_WORLD_RANK", "0"), ("MV2_COMM_WORLD_SIZE", "2")));
    }

    [Fact]
    public void The_opt_out_wins_and_garbage_is_no_launch()
    {
        Assert.Null(Detect(("OMPI_COMM_WORLD_RANK", "0"), ("OMPI_COMM_WORLD_SIZE", "2"), (LaunchEnvironment.OptOutVariable, "1")));
        Assert.Null(Detect(("PMI_RANK", "one")));
    }

    [Theory]
    [InlineData(2, 2, 1)]
    [InlineData(16, 4, 4)]
    [InlineData(2, 3, 1)]
    [InlineData(8, null, 8)]
    public void Ranks_of_a_node_share_its_cores(int cores, int? ranksOnNode, int expected)
    {
        Assert.Equal(expected, new LaunchEnvironment("OpenMPI", 0, 4, 0, ranksOnNode).ThreadsPerRank(cores));
    }
}
