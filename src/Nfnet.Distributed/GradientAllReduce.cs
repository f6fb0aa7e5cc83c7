using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Distributed;

/// <summary>
/// Sums (or averages) gradients over ranks after backward and before the optimizer, with
/// <see cref="ITensorCollectives.SumInPlace"/> in the calls <see cref="BucketPlan"/> lays out. With equal slices of
/// the global batch on every rank, the mean of the ranks' mean-loss gradients is the gradient of the global batch's
/// mean loss, so AGC and the step see what one process would see. The trainer folds the 1/N of that mean into the
/// loss before backward and calls <see cref="Sum"/>: a division afterwards is one more pass over every gradient (for
/// F0, 286 MB read and written: about 110 ms per step on one core here, more than the all-reduce itself).
/// Large gradients are reduced in their own storage; one reusable bucket per dtype and device, for the small ones,
/// is the only extra memory.
/// </summary>
public sealed class GradientAllReduce : IDisposable
{
    private readonly ITensorCollectives _collectives;
    private readonly int _ranks;
    private readonly long _bucketBytes;
    private readonly long _inPlaceBytes;
    private readonly Dictionary<(ScalarType, string), Tensor> _buckets = new();
    private readonly Stopwatch _clock = new();

    public GradientAllReduce(ITensorCollectives collectives, int ranks, long bucketBytes = BucketPlan.DefaultBucketBytes,
        long inPlaceBytes = BucketPlan.DefaultInPlaceBytes)
    {
        _collectives = collectives ?? throw new ArgumentNullException(nameof(collectives));
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBytes, 1);
        _ranks = ranks;
        _bucketBytes = bucketBytes;
        _inPlaceBytes = Math.Max(1, inPlaceBytes);
    }

    /// <summary>Calls to <see cref="Average"/> or <see cref="Sum"/> so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Wall time spent reducing so far (packing, all-reduce, unpacking and scaling; it includes waiting for the slowest rank).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Bytes of gradient the last reduction covered.</summary>
    public long BytesPerStep { get; private set; }

    /// <summary>All-reduce calls the last reduction made.</summary>
    public int CallsPerStep { get; private set; }

    /// <summary>Replaces each gradient with its mean over ranks; null entries (frozen parameters) are skipped.</summary>
    public void Average(IReadOnlyList<Tensor?> gradients) => Reduce(gradients, _ranks);

    /// <summary>Replaces each gradient with its sum over ranks (for gradients already scaled by 1/ranks); null entries are skipped.</summary>
    public void Sum(IReadOnlyList<Tensor?> gradients) => Reduce(gradients, 1);

    private void Reduce(IReadOnlyList<Tensor?> gradients, int divisor)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        _clock.Start();
        try
        {
            long bytes = 0;
            int calls = 0;
            using var noGrad = no_grad();
            foreach (var group in gradients.OfType<Tensor>().GroupBy(g => (g.dtype, g.device.ToString())))
            {
                var list = group.ToList();
                long elementSize = list[0].element_size();
                var plan = BucketPlan.For(list.Select(g => g.numel()).ToList(), Math.Max(1, _bucketBytes / elementSize), Math.Max(1, _inPlaceBytes / elementSize));
                foreach (var bucket in plan)
                {
                    if (bucket.InPlace) ReduceAlone(list[bucket.Gradients[0]], divisor);
                    else ReducePacked(list, bucket, group.Key, divisor);
                    bytes += bucket.Elements * elementSize;
                    calls++;
                }
            }
            BytesPerStep = bytes;
            CallsPerStep = calls;
            Steps++;
        }
        finally
        {
            _clock.Stop();
        }
    }

    private void ReduceAlone(Tensor gradient, int divisor)
    {
        if (gradient.is_contiguous())
        {
            _collectives.SumInPlace(gradient);
            if (divisor != 1) gradient.div_(divisor);
            return;
        }
        // Only a strided view costs a copy; libtorch's parameter gradients are contiguous.
        using var dense = gradient.contiguous();
        _collectives.SumInPlace(dense);
        if (divisor != 1) dense.div_(divisor);
        gradient.copy_(dense);
    }

    private void ReducePacked(List<Tensor> gradients, Bucket bucket, (ScalarType Type, string Device) key, int divisor)
    {
        var buffer = BufferFor(key, gradients[bucket.Gradients[0]]);
        using var used = buffer.narrow(0, 0, bucket.Elements);
        long offset = 0;
        foreach (int i in bucket.Gradients)
        {
            var g = gradients[i];
            using (var slot = used.narrow(0, offset, g.numel()))
            using (var flat = g.reshape(-1))
                slot.copy_(flat);
            offset += g.numel();
        }
        _collectives.SumInPlace(used);
        if (divisor != 1) used.div_(divisor);
        offset = 0;
        foreach (int i in bucket.Gradients)
        {
            var g = gradients[i];
            using (var slot = used.narrow(0, offset, g.numel()))
            using (var shaped = slot.view(g.shape))
                g.copy_(shaped);
            offset += g.numel();
        }
    }

    private Tensor BufferFor((ScalarType Type, string Device) key, Tensor like)
    {
        if (_buckets.TryGetValue(key, out var buffer)) return buffer;
        long elements = Math.Max(1, _bucketBytes / like.element_size());
        // Kept across steps: the trainer disposes each step's tensors with a scope, which must not take the bucket.
        buffer = empty(elements, dtype: like.dtype, device: like.device).DetachFromDisposeScope();
        _buckets[key] = buffer;
        return buffer;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in _buckets.Values) buffer.Dispose();
        _buckets.Clear();
    }
}
