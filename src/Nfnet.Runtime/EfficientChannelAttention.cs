using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// Efficient channel attention (Wang et al. 2020; timm EcaModule): the gate sigmoid(conv1d(mean_hw(x))) of shape
/// [B, C, 1, 1], where one k-tap 1-D conv without bias slides across the channel axis with zero padding (k−1)/2.
/// Like <see cref="SqueezeExcite"/> it returns the gate; the block applies branch·(gain·gate). One tensor:
/// <c>conv.weight</c> [1, 1, k].
/// </summary>
public sealed class EfficientChannelAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute name: it becomes the state_dict key.
    private readonly Conv1d conv;
#pragma warning restore IDE1006

    /// <summary>Creates the gate; the conv keeps PyTorch's default initialization, as timm's does.</summary>
    public EfficientChannelAttention(long kernelSize, Device? device = null) : base(nameof(EfficientChannelAttention))
    {
        if (kernelSize < 1 || kernelSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "The ECA kernel must be a positive odd size.");
        KernelSize = kernelSize;
        conv = nn.Conv1d(1, 1, kernelSize, padding: (kernelSize - 1) / 2, bias: false, device: device);
        RegisterComponents();
    }

    /// <summary>Taps of the conv across channels.</summary>
    public long KernelSize { get; }

    /// <summary>The 1-D conv across channels.</summary>
    public Conv1d Conv => conv;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var batch = input.shape[0];
        var channels = input.shape[1];
        var squeezed = input.mean(new long[] { 2, 3 }).view(batch, 1, channels);
        var gate = F.sigmoid(conv.call(squeezed)).view(batch, channels, 1, 1);
        return gate.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
