using System;
using System.Collections.Generic;
using System.Text.Json;
using Nfnet.Distributed;
using Xunit;

namespace Nfnet.Distributed.Tests;

public class LaunchCheckTests
{
    private static List<KeyValuePair<string, string>> Settings(params (string, string)[] pairs)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in pairs) list.Add(new(k, v));
        return list;
    }

    [Fact]
    public void The_first_differing_option_in_rank_0s_order_is_named()
    {
        var root = Settings(("--variant", "F0"), ("--batch-size", "16"), ("--seed", "1"));
        Assert.Null(LaunchCheck.FirstDifference(root, Settings(("--variant", "F0"), ("--batch-size", "16"), ("--seed", "1"))));
        Assert.Equal("--batch-size is '8' here but '16' on rank 0",
            LaunchCheck.FirstDifference(root, Settings(("--variant", "F0"), ("--batch-size", "8"), ("--seed", "2"))));
        Assert.Equal("--seed is '1' on rank 0 and missing here", LaunchCheck.FirstDifference(root, Settings(("--variant", "F0"), ("--batch-size", "16"))));
        Assert.Equal("--ema is '0.9' here and missing on rank 0",
            LaunchCheck.FirstDifference(root, Settings(("--variant", "F0"), ("--batch-size", "16"), ("--seed", "1"), ("--ema", "0.9"))));
    }

    // Rank 1 of 2 whose rank 0 broadcasts its settings (length, then JSON) and reports no difference of its own.
    private static ScriptedPeer RankOneHearing(List<KeyValuePair<string, string>> rootSettings)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(rootSettings.ConvertAll(p => new[] { p.Key, p.Value }));
        var peer = new ScriptedPeer(rank: 1);
        peer.PeerBroadcasts.Enqueue(BitConverter.GetBytes((long)json.Length));
        peer.PeerBroadcasts.Enqueue(json);
        peer.PeerMins.Enqueue([2]);
        return peer;
    }

    [Fact]
    public void The_rank_that_differs_reports_it()
    {
        var peer = RankOneHearing(Settings(("--batch-size", "16")));
        var e = Assert.Throws<DistributedException>(() => LaunchCheck.Verify(peer, Settings(("--batch-size", "8"))));
        Assert.True(e.ReportHere);
        Assert.Equal("rank 1 was launched differently from rank 0: --batch-size is '8' here but '16' on rank 0; every rank must run the same command with the same spec and data", e.Message);
    }

    [Fact]
    public void Equal_settings_pass()
    {
        var peer = RankOneHearing(Settings(("--batch-size", "16")));
        LaunchCheck.Verify(peer, Settings(("--batch-size", "16")));
        Assert.Empty(peer.PeerMins);
    }
}
