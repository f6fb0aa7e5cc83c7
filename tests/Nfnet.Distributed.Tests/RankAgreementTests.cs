using System;
using Nfnet.Distributed;
using Xunit;

namespace Nfnet.Distributed.Tests;

public class RankAgreementTests
{
    [Fact]
    public void When_both_succeed_there_is_no_failure()
    {
        var rank0 = new ScriptedPeer(rank: 0);
        rank0.PeerMins.Enqueue([2]);
        Assert.Null(RankAgreement.Agree(rank0, 0));
    }

    [Fact]
    public void A_rank_that_succeeded_learns_the_failing_ranks_code()
    {
        var rank0 = new ScriptedPeer(rank: 0);
        rank0.PeerMins.Enqueue([1]);
        rank0.PeerBroadcasts.Enqueue(BitConverter.GetBytes(2));
        Assert.Equal(new RankFailure(1, 2), RankAgreement.Agree(rank0, 0));
    }

    [Fact]
    public void The_lowest_failing_rank_is_the_one_that_reports()
    {
        // Both fail: rank 0 is first, so rank 1 takes rank 0's code.
        var rank1 = new ScriptedPeer(rank: 1);
        rank1.PeerMins.Enqueue([0]);
        rank1.PeerBroadcasts.Enqueue(BitConverter.GetBytes(1));
        Assert.Equal(new RankFailure(0, 1), RankAgreement.Agree(rank1, 2));
    }

    [Theory]
    [InlineData(16, 0, 2, 0, 8)]
    [InlineData(16, 1, 2, 8, 8)]
    [InlineData(12, 2, 3, 8, 4)]
    public void Each_rank_takes_an_equal_contiguous_slice_of_the_global_batch(int batch, int rank, int size, int offset, int count)
    {
        Assert.Equal((offset, count), DataParallel.Slice(batch, rank, size));
    }

    [Fact]
    public void A_batch_that_does_not_split_evenly_is_refused_with_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => DataParallel.Slice(15, 0, 2));
        Assert.Equal("--batch-size 15 does not split evenly over 2 ranks; use a multiple of 2 (it is the global batch, each rank computes batch/2)", e.Message);
    }
}
