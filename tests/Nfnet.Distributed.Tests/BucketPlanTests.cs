using System;
using System.Linq;
using Nfnet.Distributed;
using Xunit;

namespace Nfnet.Distributed.Tests;

public class BucketPlanTests
{
    [Fact]
    public void Small_gradients_share_buckets_in_order_and_large_ones_are_reduced_where_they_are()
    {
        // Bucket of 10 elements: 10 fills it (in place), 3 opens a bucket that 30 closes, 5+5 fill one, 2 is left over.
        var plan = BucketPlan.For([10, 3, 30, 5, 5, 2], bucketElements: 10);
        Assert.Equal(
            new[] { "I:0=10", "P:1=3", "I:2=30", "P:3,4=10", "P:5=2" },
            plan.Select(b => $"{(b.InPlace ? "I" : "P")}:{string.Join(",", b.Gradients)}={b.Elements}"));
    }

    [Fact]
    public void Gradients_from_the_in_place_size_up_are_never_copied()
    {
        // In place from 5 elements: 8 is reduced alone although a bucket of 10 could hold it.
        var plan = BucketPlan.For([100, 3, 8, 2, 1], bucketElements: 10, inPlaceElements: 5);
        Assert.Equal(
            new[] { "I:0=100", "P:1=3", "I:2=8", "P:3,4=3" },
            plan.Select(b => $"{(b.InPlace ? "I" : "P")}:{string.Join(",", b.Gradients)}={b.Elements}"));
    }

    [Fact]
    public void Every_gradient_is_in_exactly_one_call_and_no_packed_call_exceeds_the_bucket()
    {
        long[] counts = [1, 7, 64, 2, 2, 2, 9, 100, 1];
        var plan = BucketPlan.For(counts, bucketElements: 16);
        Assert.Equal(Enumerable.Range(0, counts.Length), plan.SelectMany(b => b.Gradients).Order());
        Assert.All(plan.Where(b => !b.InPlace), b => Assert.True(b.Elements <= 16));
        Assert.Equal(counts.Sum(), plan.Sum(b => b.Elements));
    }

    [Fact]
    public void The_default_bucket_is_25_MiB_and_tensors_from_1_MiB_are_reduced_in_place()
    {
        Assert.Equal(25 * 1024 * 1024, BucketPlan.DefaultBucketBytes);
        Assert.Equal(1024 * 1024, BucketPlan.DefaultInPlaceBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketPlan.For([1], 0));
    }
}
