using System;

namespace Nfnet.Runtime;

/// <summary>Which channel attention a block applies.</summary>
public enum AttentionKind
{
    /// <summary>Squeeze-and-excite: two 1×1 convs around a hidden activation (module <c>fc1</c>, <c>fc2</c>).</summary>
    SqueezeExcite,

    /// <summary>Efficient channel attention: one 1-D conv across channels (module <c>conv</c>).</summary>
    Eca,
}

/// <summary>Where in the block the attention gates the branch.</summary>
public enum AttentionPlace
{
    /// <summary>On the output width after conv3, registered as <c>attn_last</c> (NFNet, NF-ResNet).</summary>
    Last,

    /// <summary>On the mid width between the grouped 3×3 conv(s) and conv3, registered as <c>attn</c> (NF-RegNet).</summary>
    Mid,
}

/// <summary>
/// A block's channel attention: its kind, place and sizes. The block multiplies the branch by gain·gate
/// (DeepMind's "× 2 for rescaling": an untrained sigmoid gate is about 0.5).
/// </summary>
/// <param name="HiddenChannels">SE bottleneck width (SE only).</param>
/// <param name="KernelSize">ECA kernel across channels, odd (ECA only).</param>
/// <param name="HiddenActivation">SE's activation between fc1 and fc2, without γ (timm and DeepMind: relu).</param>
public sealed record BlockAttention(
    AttentionKind Kind,
    AttentionPlace Place = AttentionPlace.Last,
    long HiddenChannels = 0,
    long KernelSize = 0,
    double Gain = 2.0,
    string HiddenActivation = "relu")
{
    /// <summary>Squeeze-and-excite with <paramref name="hiddenChannels"/> hidden channels.</summary>
    public static BlockAttention Se(long hiddenChannels, AttentionPlace place = AttentionPlace.Last, double gain = 2.0, string hiddenActivation = "relu") =>
        new(AttentionKind.SqueezeExcite, place, HiddenChannels: hiddenChannels, Gain: gain, HiddenActivation: hiddenActivation);

    /// <summary>Efficient channel attention with a <paramref name="kernelSize"/>-tap conv across channels.</summary>
    public static BlockAttention Eca(long kernelSize, AttentionPlace place = AttentionPlace.Last, double gain = 2.0) =>
        new(AttentionKind.Eca, place, KernelSize: kernelSize, Gain: gain);

    /// <summary>The gate module for <paramref name="channels"/> channels.</summary>
    public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Create(long channels, NfNumerics numerics, TorchSharp.torch.Device? device) =>
        Kind switch
        {
            AttentionKind.SqueezeExcite => new SqueezeExcite(channels, HiddenChannels, device, HiddenActivation, numerics.Gelu),
            AttentionKind.Eca => new EfficientChannelAttention(KernelSize, device),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
}
