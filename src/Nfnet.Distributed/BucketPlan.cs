using System;
using System.Collections.Generic;

namespace Nfnet.Distributed;

/// <summary>
/// How a list of gradients is cut into all-reduce calls. Gradients at least as large as a bucket are reduced in
/// place, alone (no copy at all); smaller ones are packed in order into a bucket of at most
/// <c>bucketElements</c>, which is reduced once, so a network's hundreds of gains and biases cost a few calls, not
/// hundreds. No call ever needs a buffer larger than one bucket.
/// </summary>
public static class BucketPlan
{
    /// <summary>The default bucket: 25 MB, the size PyTorch's DistributedDataParallel uses.</summary>
    public const long DefaultBucketBytes = 25L << 20;

    /// <summary>
    /// Groups the gradient indices 0..counts.Count-1 (their element counts in <paramref name="counts"/>) into calls:
    /// each returned list is either one gradient reduced in place or several packed into a bucket.
    /// </summary>
    public static IReadOnlyList<Bucket> For(IReadOnlyList<long> counts, long bucketElements)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketElements, 1);
        var buckets = new List<Bucket>();
        var packed = new List<int>();
        long filled = 0;
        void Flush()
        {
            if (packed.Count == 0) return;
            buckets.Add(new Bucket(packed.ToArray(), InPlace: false, filled));
            packed.Clear();
            filled = 0;
        }
        for (int i = 0; i < counts.Count; i++)
        {
            long n = counts[i];
            if (n >= bucketElements)
            {
                // Order is kept so every rank issues the same calls; a big gradient closes the open bucket first.
                Flush();
                buckets.Add(new Bucket([i], InPlace: true, n));
                continue;
            }
            if (filled + n > bucketElements) Flush();
            packed.Add(i);
            filled += n;
        }
        Flush();
        return buckets;
    }
}

/// <summary>One all-reduce call: the gradients it covers, whether it works on the gradient's own storage, and its element count.</summary>
public sealed record Bucket(IReadOnlyList<int> Gradients, bool InPlace, long Elements);
