using System;
using Nfnet.Benchmarking;
using Xunit;

namespace Nfnet.Analysis.Tests.Benchmarking;

public class BenchStatisticsTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_time_and_of_an_even_count_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(new PhaseStats(30, 10, 90, 5), PhaseStats.Of(new double[] { 90, 10, 30, 20, 40 }));
        Assert.Equal(new PhaseStats(25, 10, 90, 4), PhaseStats.Of(new double[] { 90, 10, 30, 20 }));
        Assert.Throws<ArgumentException>(() => PhaseStats.Of(Array.Empty<double>()));
    }

    [Theory]
    [InlineData(0, 128, 2, 192, 1, 1, "Batch")]
    [InlineData(8, 16, 2, 192, 1, 1, "ImageSize")]
    [InlineData(8, 128, 0, 192, 1, 1, "EvalBatch")]
    [InlineData(8, 128, 2, 31, 1, 1, "EvalSize")]
    [InlineData(8, 128, 2, 192, 0, 1, "Threads")]
    [InlineData(8, 128, 2, 192, 1, 0, "Rounds")]
    public void A_setting_out_of_range_is_named(int batch, int imageSize, int evalBatch, int evalSize, int threads, int rounds, string name)
    {
        var settings = new BenchSettings("F0", Batch: batch, ImageSize: imageSize, EvalBatch: evalBatch, EvalSize: evalSize, Threads: threads, Rounds: rounds);
        var error = Assert.Throws<ArgumentException>(settings.Validate);
        Assert.Equal(name, error.ParamName);
    }
}
