using System;
using System.Collections.Generic;
using Nfnet.Distributed;
using static TorchSharp.torch;

namespace Nfnet.Distributed.Tests;

/// <summary>
/// Rank <see cref="Rank"/> of a two-rank run whose other rank is scripted: its contributions to reductions and the
/// bytes it broadcasts are queued by the test.
/// </summary>
internal sealed class ScriptedPeer(int rank) : ICommunicator
{
    public Queue<long[]> PeerMins { get; } = new();
    public Queue<byte[]> PeerBroadcasts { get; } = new();

    public int Rank => rank;
    public int Size => 2;
    public string Backend => "scripted";

    public void AllReduceMin(Span<long> values)
    {
        var peer = PeerMins.Dequeue();
        for (int i = 0; i < values.Length; i++) values[i] = Math.Min(values[i], peer[i]);
    }

    public void Broadcast(Span<byte> data, int root)
    {
        if (root == rank) return;
        PeerBroadcasts.Dequeue().CopyTo(data);
    }

    public void AllReduceSum(Span<double> values) => throw new NotSupportedException();
    public void AllReduceSum(Span<float> values) => throw new NotSupportedException();
    public void Abort(int exitCode) => throw new NotSupportedException();
    public void Dispose() { }
}

/// <summary>
/// Tensor collectives of a run whose other ranks all hold <see cref="PeerValue"/> in every element: a sum adds
/// (ranks − 1) × PeerValue. Records the size of every call.
/// </summary>
internal sealed class ConstantPeers(int ranks, float peerValue) : ITensorCollectives
{
    public List<long> Calls { get; } = new();
    public float PeerValue => peerValue;
    public string Backend => "constant";

    public void SumInPlace(Tensor tensor)
    {
        Calls.Add(tensor.numel());
        tensor.add_((ranks - 1) * peerValue);
    }

    public void BroadcastInPlace(Tensor tensor, int root) => throw new NotSupportedException();
    public void Dispose() { }
}
