using System;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// The projection shortcut of a transition block: 2×2 average pooling at the block's stride (only when stride &gt; 1),
/// then a 1×1 <see cref="ScaledStdConv2d"/> registered as <c>conv</c>. ceil_mode with count_include_pad=false
/// divides border windows by their valid pixels, exactly like Haiku's SAME avg_pool.
/// </summary>
public sealed class DownsampleAvg : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute name, becomes the state_dict key.
    private readonly ScaledStdConv2d conv;
#pragma warning restore IDE1006

    /// <summary>Creates the shortcut.</summary>
    public DownsampleAvg(long inChannels, long outChannels, long stride, NfNumerics numerics, Device? device = null)
        : base(nameof(DownsampleAvg))
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "Must be at least 1.");
        Stride = stride;
        conv = new ScaledStdConv2d(inChannels, outChannels, 1, stride: 1, groups: 1, numerics: numerics, device: device);
        RegisterComponents();
    }

    /// <summary>Pooling stride (1 = no pooling).</summary>
    public long Stride { get; }

    /// <summary>The 1×1 projection.</summary>
    public ScaledStdConv2d Conv => conv;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (Stride == 1) return conv.call(input);

        using var scope = NewDisposeScope();
        var pooled = F.avg_pool2d(input, new long[] { 2, 2 }, new long[] { Stride, Stride },
            ceil_mode: true, count_include_pad: false);
        return conv.call(pooled).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
