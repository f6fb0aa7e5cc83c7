using Nfnet.Analysis.Text;
using Xunit;

namespace Nfnet.Analysis.Tests;

public class QuantitiesTests
{
    [Theory]
    [InlineData(71_489_284, "71.49M")]
    [InlineData(12_384_198_656, "12.38G")]
    [InlineData(6_021_120, "6.02M")]
    [InlineData(383_080, "383.08K")]
    [InlineData(950, "950")]
    [InlineData(0, "0")]
    [InlineData(999_999_999, "1.00G")]
    [InlineData(999_996, "1.00M")]
    [InlineData(-1_200_000, "-1.20M")]
    public void Short_uses_the_largest_prefix_the_count_reaches(long count, string expected) =>
        Assert.Equal(expected, Quantities.Short(count));

    [Theory]
    [InlineData(1_200_000, "+1.20M")]
    [InlineData(-512, "-512")]
    [InlineData(0, "0")]
    public void Delta_always_shows_the_sign_of_a_change(long difference, string expected) =>
        Assert.Equal(expected, Quantities.Delta(difference));

    [Theory]
    [InlineData(200, 201, "+0.5%")]
    [InlineData(8, 7, "-12.5%")]
    [InlineData(5, 5, "0.0%")]
    [InlineData(0, 5, "")]
    public void Percent_is_relative_to_the_old_value(long before, long after, string expected) =>
        Assert.Equal(expected, Quantities.Percent(before, after));
}
