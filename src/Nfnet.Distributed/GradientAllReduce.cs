using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Distributed;

/// <summary>
/// Averages gradients over ranks after backward and before the optimizer: sums them with
/// <see cref="ITensorCollectives.SumInPlace"/> in the calls <see cref="BucketPlan"/> lays out, then divides by the
/// rank count. With equal slices of the global batch on every rank, the mean of the ranks' mean-loss gradients is the
/// gradient of the global batch's mean loss, so AGC and the step see what one process would see. One reusable bucket
/// per dtype and device is the only extra memory.
/// </summary>
public sealed class GradientAllReduce : IDisposable
{
    private readonly ITensorCollectives _collectives;
    private readonly int _ranks;
    private readonly long _bucketBytes;
    private readonly Dictionary<(ScalarType, string), Tensor> _buckets = new();
    private readonly Stopwatch _clock = new();

    public GradientAllReduce(ITensorCollectives collectives, int ranks, long bucketBytes = BucketPlan.DefaultBucketBytes)
    {
        _collectives = collectives ?? throw new ArgumentNullException(nameof(collectives));
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBytes, 1);
        _ranks = ranks;
        _bucketBytes = bucketBytes;
    }

    /// <summary>Calls to <see cref="Average"/> so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Wall time spent in <see cref="Average"/> so far (packing, all-reduce, unpacking and scaling).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Bytes of gradient the last <see cref="Average"/> reduced.</summary>
    public long BytesPerStep { get; private set; }

    /// <summary>All-reduce calls the last <see cref="Average"/> made.</summary>
    public int CallsPerStep { get; private set; }

    /// <summary>Replaces each gradient with its mean over ranks; null entries (frozen parameters) are skipped.</summary>
    public void Average(IReadOnlyList<Tensor?> gradients)
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
                var plan = BucketPlan.For(list.Select(g => g.numel()).ToList(), Math.Max(1, _bucketBytes / elementSize));
                foreach (var bucket in plan)
                {
                    if (bucket.InPlace) ReduceAlone(list[bucket.Gradients[0]]);
                    else ReducePacked(list, bucket, group.Key);
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

    private void ReduceAlone(Tensor gradient)
    {
        if (gradient.is_contiguous())
        {
            _collectives.SumInPlace(gradient);
            gradient.div_(_ranks);
            return;
        }
        // Only a strided view costs a copy; libtorch's parameter gradients are contiguous.
        using var dense = gradient.contiguous();
        _collectives.SumInPlace(dense);
        gradient.copy_(dense.div_(_ranks));
    }

    private void ReducePacked(List<Tensor> gradients, Bucket bucket, (ScalarType Type, string Device) key)
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
        used.div_(_ranks);
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
