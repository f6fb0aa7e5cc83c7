using System;
using System.IO;
using System.Linq;
using Nfnet.Imaging;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Xunit;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>timm's evaluation preprocessing: PIL's bicubic resize, its crop geometry and each variant's statistics.</summary>
public class PreprocessingTests
{
    private static readonly string Pil = Path.Combine(AppContext.BaseDirectory, "fixtures", "pil");

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 0.8671875)]   // ((a + 2)·x − (a + 3))·x² + 1 with a = −0.5
    [InlineData(0.75, 0.2265625)]
    [InlineData(1.25, -0.0703125)]  // (((x − 5)·x + 8)·x − 4)·a
    [InlineData(1.5, -0.0625)]
    [InlineData(2.0, 0.0)]
    public void The_kernel_is_keys_cubic_with_a_minus_one_half(double x, double expected)
    {
        Assert.Equal(expected, BicubicResize.Kernel(x), 12);
        Assert.Equal(expected, BicubicResize.Kernel(-x), 12);
    }

    [Fact]
    public void Halving_a_row_weights_four_pixels_with_the_kernel_widened_twice()
    {
        // Output pixel 0 of 4 → 2 sits at source 1.0; the kernel widens to support 4, so sources 0..3 at distances
        // 0.5, 0.5, 1.5, 2.5 (in source pixels), i.e. kernel(0.25), kernel(0.25), kernel(0.75), kernel(1.25):
        // 0.8671875, 0.8671875, 0.2265625, −0.0703125, sum 1.890625. For [0, 100, 200, 255]:
        // (100·0.8671875 + 200·0.2265625 − 255·0.0703125) / 1.890625 = 60.35 → 60.
        // Output pixel 1 sits at source 3.0: the same four sources, now at 2.5, 1.5, 0.5, 0.5, weighted −0.0703125,
        // 0.2265625, 0.8671875, 0.8671875: (100·0.2265625 + 200·0.8671875 + 255·0.8671875) / 1.890625 = 220.7 → 221.
        var row = new byte[] { 0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255 };

        var halved = BicubicResize.Resize(row, 4, 1, 2, 1);

        Assert.Equal(new byte[] { 60, 60, 60, 221, 221, 221 }, halved);
    }

    [Fact]
    public void Doubling_a_row_overshoots_and_clips()
    {
        // 2 → 4: output pixel 0 sits at source 0.25: sources 0, 1 at 0.25, 1.25 → 0.8671875, −0.0703125 (sum 0.796875):
        // (10·0.8671875 − 200·0.0703125) / 0.796875 = −6.76 → 0. Pixel 1 at 0.75: 0.8671875, 0.2265625 (sum 1.09375):
        // (10·0.8671875 + 200·0.2265625) / 1.09375 = 49.36 → 49. Pixels 2 and 3 mirror them: 160.6 → 161, 216.8 → 217.
        var row = new byte[] { 10, 10, 10, 200, 200, 200 };

        var doubled = BicubicResize.Resize(row, 2, 1, 4, 1);

        Assert.Equal(new byte[] { 0, 0, 0, 49, 49, 49, 161, 161, 161, 217, 217, 217 }, doubled);
    }

    public static TheoryData<int, int> PilTargets() => new() { { 11, 8 }, { 40, 30 }, { 23, 9 }, { 9, 17 }, { 5, 40 } };

    /// <summary>tests/fixtures/pil: what Pillow 9.4.0's Image.resize(size, BICUBIC) gave for a random 23×17 image.</summary>
    [Theory]
    [MemberData(nameof(PilTargets))]
    public void A_random_image_resizes_to_exactly_pillows_bytes(int width, int height)
    {
        var source = File.ReadAllBytes(Path.Combine(Pil, "source.rgb"));
        var expected = File.ReadAllBytes(Path.Combine(Pil, $"{width}x{height}.rgb"));

        var resized = BicubicResize.Resize(source, 23, 17, width, height);

        Assert.Equal(expected, resized);
    }

    [Fact]
    public void Timms_squash_resizes_both_sides_then_crops_the_centre()
    {
        // dm_nfnet_f0 at 256 px: crop_pct 0.9, so both sides go to floor(256 / 0.9) = 284, then the centre 256.
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "dm_nfnet_f0");
        var timm = EvalPreprocessing.ForPlan(plan, "timm");
        Assert.Equal((0.9, CropMode.Squash, 284), (timm.CropPct!.Value, timm.CropMode, timm.ScaleSize(256)));
        Assert.Equal("timm (squash to 284, centre 256, bicubic)", timm.Describe(256));

        var image = Gradient(400, 300);
        var expected = Crop(BicubicResize.Resize(image, 400, 300, 284, 284), 284, 14, 14, 256);  // (284 − 256) / 2 = 14
        Assert.Equal(expected, Preprocessing.ResizeAndCrop(image, 400, 300, 256, timm));
    }

    [Fact]
    public void Timms_center_mode_keeps_the_aspect_ratio_and_rounds_the_offset_to_even()
    {
        // nf_resnet50 at 288 px: crop_pct 0.94, shorter side floor(288 / 0.94) = 306; a 301×400 image becomes
        // 306 × int(306 · 400 / 301) = 306×406; the crop starts at round(18 / 2) = 9 and round(118 / 2) = 59.
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "nf_resnet50");
        var timm = EvalPreprocessing.ForPlan(plan, "timm");
        var image = Gradient(301, 400);

        var expected = Crop(BicubicResize.Resize(image, 301, 400, 306, 406), 306, 9, 59, 288);
        Assert.Equal(expected, Preprocessing.ResizeAndCrop(image, 301, 400, 288, timm));
    }

    [Fact]
    public void Test_nfnet_normalizes_with_one_half_and_the_others_with_imagenet_statistics()
    {
        var testNfnet = EvalPreprocessing.ForPlan(ModelSpecs.Find(ModelSpecs.BuiltIn(), "test_nfnet"), "timm");
        var l0 = EvalPreprocessing.ForPlan(ModelSpecs.Find(ModelSpecs.BuiltIn(), "eca_nfnet_l0"), "timm");

        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, testNfnet.Mean);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, testNfnet.Std);
        Assert.Equal(new[] { 0.485f, 0.456f, 0.406f }, l0.Mean);
        Assert.Equal((1.0, 288), (l0.CropPct!.Value, l0.ScaleSize(288))); // timm's test_crop_pct: no crop at the test size
        Assert.Same(PreprocessPreset.DeepMind, EvalPreprocessing.ForPlan(ModelSpecs.Find(ModelSpecs.BuiltIn(), "F0"), "deepmind"));
    }

    private static byte[] Gradient(int width, int height) =>
        Enumerable.Range(0, width * height * 3).Select(i => (byte)((i / 3 % width) * 255 / width ^ (i / 3 / width) * 7 + i % 3 * 40)).ToArray();

    private static byte[] Crop(byte[] rgb, int width, int left, int top, int size)
    {
        var output = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            Array.Copy(rgb, ((top + y) * width + left) * 3, output, y * size * 3, size * 3);
        return output;
    }
}
