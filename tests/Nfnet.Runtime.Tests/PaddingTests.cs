using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime.Tests;

public class PaddingTests
{
    [Theory]
    [InlineData(4, 3, 2, 0, 1)] // even input, stride 2: all padding after (TF SAME)
    [InlineData(5, 3, 2, 1, 1)] // odd input, stride 2: symmetric
    [InlineData(6, 3, 1, 1, 1)]
    [InlineData(6, 1, 2, 0, 0)]
    [InlineData(7, 2, 2, 0, 1)]
    public void Same_padding_matches_the_TensorFlow_rule(long size, long kernel, long stride, long before, long after)
    {
        Assert.Equal((before, after), ConvPaddingMath.Same(size, kernel, stride));
    }

    [Fact]
    public void Same_padding_pads_bottom_right_on_even_inputs()
    {
        // 4×4 ones convolved with a 3×3 ones kernel at stride 2. Windows start at rows/cols 0 and 2; with the
        // padding after the input the second window holds 2 real rows: sums [[9, 6], [6, 4]].
        using var input = ones(1, 1, 4, 4);
        using var kernel = ones(1, 1, 3, 3);
        var (padded, convPadding) = ConvPaddingMath.PadForConv(input, 3, 2, ConvPadding.Same);
        using var output = F.conv2d(padded, kernel, strides: new long[] { 2, 2 }, padding: convPadding);
        TensorAssert.Close(new double[] { 9, 6, 6, 4 }, output, 0);

        // PyTorch symmetric padding pads 1 on each side instead: [[4, 6], [6, 9]].
        var (same, symmetricPadding) = ConvPaddingMath.PadForConv(input, 3, 2, ConvPadding.Symmetric);
        using var symmetric = F.conv2d(same, kernel, strides: new long[] { 2, 2 }, padding: symmetricPadding);
        TensorAssert.Close(new double[] { 4, 6, 6, 9 }, symmetric, 0);
        padded.Dispose();
    }

    [Fact]
    public void Same_padding_is_symmetric_on_odd_inputs()
    {
        // 5×5: total padding 2, one each side; windows at -1, 1, 3 hold 2, 3, 2 real rows.
        using var input = ones(1, 1, 5, 5);
        using var kernel = ones(1, 1, 3, 3);
        var (padded, convPadding) = ConvPaddingMath.PadForConv(input, 3, 2, ConvPadding.Same);
        Assert.Same(input, padded);
        using var output = F.conv2d(padded, kernel, strides: new long[] { 2, 2 }, padding: convPadding);
        TensorAssert.Close(new double[] { 4, 6, 4, 6, 9, 6, 4, 6, 4 }, output, 0);
    }

    [Fact]
    public void The_conv_module_uses_SAME_padding_and_ceil_output_sizes()
    {
        manual_seed(3);
        using var conv = new ScaledStdConv2d(2, 3, 3, stride: 2, numerics: NfNumerics.DeepMind);
        using var even = randn(1, 2, 8, 8);
        using var odd = randn(1, 2, 7, 7);
        using var evenOut = conv.call(even);
        using var oddOut = conv.call(odd);
        Assert.Equal(new long[] { 1, 3, 4, 4 }, evenOut.shape);
        Assert.Equal(new long[] { 1, 3, 4, 4 }, oddOut.shape);

        // The module equals an explicit pad of 0 before / 1 after followed by an unpadded conv.
        using var w = conv.StandardizedWeight();
        using var manual = F.conv2d(F.pad(even, new long[] { 0, 1, 0, 1 }), w, conv.bias, strides: new long[] { 2, 2 });
        TensorAssert.Close(manual, evenOut, 1e-6);
    }
}
