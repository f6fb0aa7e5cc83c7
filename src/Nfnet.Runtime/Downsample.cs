using System;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// The projection shortcut of a block that changes width or stride; its 1×1 <see cref="ScaledStdConv2d"/> is registered
/// as <c>conv</c> in both forms. <see cref="ShortcutKind.AvgPool"/>: 2×2 average pooling at the block's stride (only
/// when stride &gt; 1, ceil_mode with count_include_pad=false, so border windows divide by their valid pixels exactly
/// like Haiku's SAME avg_pool), then the conv. <see cref="ShortcutKind.StridedConv"/>: the conv carries the stride.
/// </summary>
public sealed class Downsample : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute name, becomes the state_dict key.
    private readonly ScaledStdConv2d conv;
#pragma warning restore IDE1006

    /// <summary>
    /// Creates the shortcut with the network's conv settings; <paramref name="inputScale"/> is a constant the input is
    /// taken times, folded into the conv (pooling is linear): the block's β and act1's γ.
    /// </summary>
    public Downsample(long inChannels, long outChannels, long stride, NfConfig config, Device? device = null, double inputScale = 1.0)
        : base(nameof(Downsample))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "Must be at least 1.");
        Stride = stride;
        Kind = config.Shortcut;
        conv = config.CreateConv(inChannels, outChannels, 1, stride: Kind == ShortcutKind.StridedConv ? stride : 1, device: device, inputScale: inputScale);
        RegisterComponents();
    }

    /// <summary>The block's stride (1 = no pooling or striding).</summary>
    public long Stride { get; }

    /// <summary>Pooled or strided.</summary>
    public ShortcutKind Kind { get; }

    /// <summary>The 1×1 projection.</summary>
    public ScaledStdConv2d Conv => conv;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (Stride == 1 || Kind == ShortcutKind.StridedConv) return conv.call(input);

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
