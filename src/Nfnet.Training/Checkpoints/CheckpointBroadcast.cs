using System;
using System.IO;
using Nfnet.Distributed;

namespace Nfnet.Training.Checkpoints;

/// <summary>
/// --resume of a data-parallel run: rank 0 reads its checkpoint and broadcasts the bytes; the other ranks restore from
/// a private temporary copy. So every rank continues from the one file rank 0 wrote, even on nodes that do not share
/// rank 0's file system, and a rank 0 without a checkpoint fails every rank with rank 0's message.
/// </summary>
internal static class CheckpointBroadcast
{
    public static ResumedRun Resume(DataParallel parallel, string path, Func<string, ResumedRun> resumeFrom)
    {
        byte[]? bytes = null;
        Exception? readFailure = null;
        if (parallel.IsRoot)
        {
            // Rank 0 must reach the broadcast even when it cannot read, or the others would wait for it forever.
            try
            {
                if (File.Exists(path)) bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                readFailure = e;
            }
        }
        bytes = parallel.BroadcastBytes(bytes);
        if (readFailure is not null) throw readFailure;
        if (bytes is null) throw new CheckpointException($"no checkpoint to resume from at {path} (rank 0's --out)");
        if (parallel.IsRoot) return resumeFrom(path);

        var copy = Path.Combine(Path.GetTempPath(), $"nfnet-rank{parallel.Rank}-{Guid.NewGuid():N}.checkpoint.safetensors");
        try
        {
            File.WriteAllBytes(copy, bytes);
            return resumeFrom(copy);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
