using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>Padding arithmetic for <see cref="ConvPadding"/> (one spatial dimension at a time).</summary>
public static class ConvPaddingMath
{
    /// <summary>
    /// TF "SAME" padding of one dimension: total = max((ceil(size/stride) - 1)*stride + kernel - size, 0),
    /// split as total/2 before (top/left) and the rest after (bottom/right). So a stride-2 3×3 conv on an
    /// even input pads 0 before and 1 after, where PyTorch's symmetric padding pads 1 on both sides.
    /// </summary>
    public static (long Before, long After) Same(long size, long kernel, long stride)
    {
        long outSize = (size + stride - 1) / stride;
        long total = Math.Max((outSize - 1) * stride + (kernel - 1) + 1 - size, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>PyTorch/timm symmetric padding: ((stride - 1) + (kernel - 1)) / 2 on each side.</summary>
    public static long Symmetric(long kernel, long stride) => ((stride - 1) + (kernel - 1)) / 2;

    /// <summary>
    /// Prepares an NCHW input for conv2d: returns the input (padded explicitly only when SAME padding is
    /// asymmetric, which conv2d's padding argument cannot express) and the padding to pass to conv2d.
    /// The returned tensor is the input itself when no explicit padding was needed; do not dispose it then.
    /// </summary>
    public static (Tensor Input, long[] ConvPadding) PadForConv(Tensor input, long kernel, long stride, ConvPadding mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (mode == ConvPadding.Symmetric)
        {
            long p = Symmetric(kernel, stride);
            return (input, new[] { p, p });
        }
        var (top, bottom) = Same(input.shape[^2], kernel, stride);
        var (left, right) = Same(input.shape[^1], kernel, stride);
        if (top == bottom && left == right) return (input, new[] { top, left });
        return (F.pad(input, new[] { left, right, top, bottom }), new[] { 0L, 0L });
    }
}
