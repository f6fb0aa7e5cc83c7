using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests.Lowering;

/// <summary>timm's make_divisible and ECA kernel rule, against the worked values of tests/fixtures/timm/models.md and the fixtures.</summary>
public class ChannelMathTests
{
    [Theory]
    [InlineData(18.0, 8, 24)]    // rounds to 16, which is below 0.9 × 18, so one step up
    [InlineData(36.0, 8, 40)]    // NF-RegNet-B0 stem: 48 × 0.75
    [InlineData(33.0, 8, 32)]    // 44 × 0.75 rounds down
    [InlineData(127.5, 8, 128)]  // 170 × 0.75
    [InlineData(54.0, 8, 56)]    // 24 × 2.25, halves round up
    [InlineData(3.0, 8, 8)]      // never below one divisor
    [InlineData(256.0, 8, 256)]
    public void Make_divisible_rounds_to_the_nearest_multiple_and_never_loses_more_than_ten_percent(double value, long divisor, long expected) =>
        Assert.Equal(expected, ChannelMath.MakeDivisible(value, divisor));

    [Theory]
    [InlineData(20.0, 24)]   // SE of 40 channels at ratio 0.5: 20 rounds up to 24 (halves up)
    [InlineData(19.0, 16)]   // no 10 % bump for SE widths
    [InlineData(2.0, 8)]
    public void Se_widths_round_without_the_ten_percent_rule(double value, long expected) =>
        Assert.Equal(expected, ChannelMath.MakeDivisible(value, 8, roundLimit: 0));

    [Theory]
    [InlineData(64, 3)]
    [InlineData(127, 3)]
    [InlineData(128, 5)]
    [InlineData(256, 5)]
    [InlineData(1536, 5)]
    [InlineData(2047, 5)]
    [InlineData(2048, 7)]
    public void Eca_kernel_grows_with_the_log_of_the_channels(long channels, int expected) =>
        Assert.Equal(expected, ChannelMath.EcaKernelSize(channels));
}
