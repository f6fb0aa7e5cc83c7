using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Nfnet.Distributed;

/// <summary>
/// Makes sure every rank runs the same training: rank 0 broadcasts its settings (name → value, in a fixed order), every
/// rank compares them with its own, and the lowest rank that differs reports the first differing setting. Every rank
/// then fails together, so a mismatched launch (different options, an edited spec on one node, another data copy)
/// ends with one message instead of diverging weights or a hang in the first all-reduce.
/// </summary>
public static class LaunchCheck
{
    /// <summary>
    /// Throws <see cref="DistributedException"/> on every rank when any rank's <paramref name="settings"/> differ from
    /// rank 0's; <see cref="DistributedException.ReportHere"/> is true on the one rank that should print it.
    /// </summary>
    public static void Verify(ICommunicator communicator, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(settings);
        var mine = settings.Select(p => new[] { p.Key, p.Value }).ToArray();
        var bytes = Broadcasts.Bytes(communicator, communicator.Rank == 0 ? JsonSerializer.SerializeToUtf8Bytes(mine) : null)!;
        var root = JsonSerializer.Deserialize<string[][]>(bytes) ?? [];
        var difference = FirstDifference(root.Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList(), settings);

        Span<long> first = [difference is null ? communicator.Size : communicator.Rank];
        communicator.AllReduceMin(first);
        if (first[0] == communicator.Size) return;
        bool here = first[0] == communicator.Rank;
        throw new DistributedException(
            here ? $"rank {communicator.Rank} was launched differently from rank 0: {difference}; every rank must run the same command with the same spec and data"
                 : $"rank {first[0]} was launched differently from rank 0",
            reportHere: here);
    }

    /// <summary>The first setting, in <paramref name="root"/>'s order, whose value differs in <paramref name="mine"/>, as text; null when none does.</summary>
    public static string? FirstDifference(IReadOnlyList<KeyValuePair<string, string>> root, IReadOnlyList<KeyValuePair<string, string>> mine)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(mine);
        var own = mine.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            if (!own.TryGetValue(key, out var other)) return $"{key} is '{value}' on rank 0 and missing here";
            if (other != value) return $"{key} is '{other}' here but '{value}' on rank 0";
        }
        var extra = mine.FirstOrDefault(p => !root.Any(r => r.Key == p.Key));
        return extra.Key is null ? null : $"{extra.Key} is '{extra.Value}' here and missing on rank 0";
    }
}

/// <summary>Variable-length broadcasts built from fixed-size ones: the length first, then the bytes.</summary>
public static class Broadcasts
{
    /// <summary>
    /// Sends <paramref name="onRoot"/> (rank 0's value; ignored elsewhere) to every rank. Null on rank 0 arrives as null
    /// everywhere, so rank 0 can say "I have nothing" (e.g. no checkpoint) without leaving the others waiting.
    /// </summary>
    public static byte[]? Bytes(ICommunicator communicator, byte[]? onRoot)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        Span<byte> header = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(header, communicator.Rank == 0 ? onRoot?.LongLength ?? -1 : 0);
        communicator.Broadcast(header, root: 0);
        long length = BinaryPrimitives.ReadInt64LittleEndian(header);
        if (length < 0) return null;
        var data = communicator.Rank == 0 ? onRoot! : new byte[length];
        communicator.Broadcast(data, root: 0);
        return data;
    }
}
