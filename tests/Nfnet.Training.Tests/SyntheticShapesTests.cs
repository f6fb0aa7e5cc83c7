using System.Linq;
using Nfnet.Training.Data;
using Xunit;

namespace Nfnet.Training.Tests;

public class SyntheticShapesTests
{
    private static float[] Pixels(IImageDataset set, int index, SplitMix64? augmentation = null)
    {
        var buffer = new float[3 * set.ImageSize * set.ImageSize];
        set.Load(index, buffer, augmentation);
        return buffer;
    }

    [Fact]
    public void Same_seed_gives_the_same_images_and_another_seed_other_images()
    {
        var a = new SyntheticShapes(seed: 5, count: 10, imageSize: 24, classes: 4, split: 1);
        var b = new SyntheticShapes(seed: 5, count: 10, imageSize: 24, classes: 4, split: 1);
        var c = new SyntheticShapes(seed: 6, count: 10, imageSize: 24, classes: 4, split: 1);
        var heldOut = new SyntheticShapes(seed: 5, count: 10, imageSize: 24, classes: 4, split: 2);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(Pixels(a, i), Pixels(b, i));
            Assert.NotEqual(Pixels(a, i), Pixels(c, i));
            Assert.NotEqual(Pixels(a, i), Pixels(heldOut, i));
        }
    }

    [Fact]
    public void Classes_are_balanced_and_cycle_through_the_names()
    {
        var set = new SyntheticShapes(seed: 1, count: 30, imageSize: 16, classes: 6, split: 1);
        var counts = Enumerable.Range(0, set.Count).GroupBy(set.LabelOf).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new[] { "disk", "square", "horizontal-stripes", "vertical-stripes", "triangle", "cross" }, set.ClassNames);
        Assert.Equal(Enumerable.Repeat(5, 6), Enumerable.Range(0, 6).Select(c => counts[c]));
    }

    [Fact]
    public void Augmentation_is_a_mirror_image_chosen_by_its_generator()
    {
        var set = new SyntheticShapes(seed: 2, count: 4, imageSize: 16, classes: 4, split: 1);
        var plain = Pixels(set, 0);
        // Find an augmentation key whose first draw flips (probability 1/2 each), then check it mirrors every row.
        var flipping = Enumerable.Range(0, 64).Select(k => SplitMix64.For(k)).First(g => { var copy = g; return copy.NextDouble() < 0.5; });
        var flipped = Pixels(set, 0, flipping);
        int s = set.ImageSize;
        // Noise is drawn per output pixel, so compare the noise-free structure: the sign of the centred value.
        int agreeing = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < s; y++)
                for (int x = 0; x < s; x++)
                    agreeing += (plain[c * s * s + y * s + x] > 0) == (flipped[c * s * s + y * s + (s - 1 - x)] > 0) ? 1 : 0;
        Assert.True(agreeing > 0.9 * 3 * s * s, $"{agreeing} of {3 * s * s} pixels agree with the mirror image");
    }

    [Theory]
    [InlineData("disk", 0.0, 0.0, true)]
    [InlineData("disk", 0.8, 0.8, false)]
    [InlineData("square", 0.8, 0.8, true)]
    [InlineData("ring", 0.0, 0.0, false)]
    [InlineData("ring", 0.8, 0.0, true)]
    [InlineData("cross", 0.8, 0.8, false)]
    [InlineData("cross", 0.9, 0.1, true)]
    public void Object_shapes_cover_the_expected_points(string kind, double u, double v, bool inside) =>
        Assert.Equal(inside, SyntheticShapes.Inside(kind, u, v, stripes: 2));
}
