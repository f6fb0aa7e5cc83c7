namespace Nfnet.Dsl.Lowering;

public enum AttentionKind
{
    /// <summary>Squeeze-excite: fc1 1×1 conv C→hidden with bias, hidden activation, fc2 hidden→C with bias, sigmoid.</summary>
    SqueezeExcite,
    /// <summary>Efficient channel attention: a k-tap conv1d across the pooled channels without bias, sigmoid.</summary>
    Eca,
}

public enum AttentionPlace
{
    /// <summary>After conv3 on the output width (module attn_last).</summary>
    Last,
    /// <summary>Before conv3 on the mid width (module attn).</summary>
    Mid,
}

/// <summary>A block's channel attention on <paramref name="Channels"/> channels; the gate is multiplied by <paramref name="Gain"/>.</summary>
public sealed record AttentionPlan(AttentionKind Kind, AttentionPlace Place, int Channels, int HiddenChannels, int KernelSize, double Gain, string HiddenActivation)
{
    /// <summary>The module's state_dict prefix inside its block.</summary>
    public string ModuleName => Place == AttentionPlace.Mid ? "attn" : "attn_last";

    /// <summary>SE: both 1×1 convs with bias; ECA: the k taps.</summary>
    public long ParameterCount => Kind == AttentionKind.SqueezeExcite
        ? 2L * Channels * HiddenChannels + HiddenChannels + Channels
        : KernelSize;

    /// <summary>On the pooled vector: SE's two linears (C·h each), ECA's conv (C·k).</summary>
    public long Macs => Kind == AttentionKind.SqueezeExcite ? 2L * Channels * HiddenChannels : (long)Channels * KernelSize;
}
