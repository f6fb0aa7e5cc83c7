using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// Squeeze-and-excite gate: sigmoid(fc2(act(fc1(mean_hw(x))))), shape [B, C, 1, 1], act being ReLU unless asked
/// otherwise (timm and DeepMind always use ReLU here, without γ). It returns the gate,
/// not x·gate: <see cref="NormFreeBlock"/> applies out·(2·gate), DeepMind's "multiply by 2 for rescaling".
/// fc1/fc2 are 1×1 convs with bias, as in timm's SEModule, so the keys are fc1.weight [hidden, C, 1, 1] etc.
/// </summary>
public sealed class SqueezeExcite : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the timm attribute names: they become state_dict keys.
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;
#pragma warning restore IDE1006

    /// <summary>Creates the gate; 1×1 conv weights ~ N(0, 1/fan_in) (timm's kaiming_normal_ 'linear'), zero bias.</summary>
    public SqueezeExcite(long channels, long hiddenChannels, Device? device = null, string hiddenActivation = "relu", GeluForm gelu = GeluForm.Erf)
        : base(nameof(SqueezeExcite))
    {
        if (channels <= 0 || hiddenChannels <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenChannels), "Channel counts must be positive.");
        if (!Activations.IsKnown(hiddenActivation))
            throw new ArgumentException($"Unknown activation '{hiddenActivation}'.", nameof(hiddenActivation));
        Channels = channels;
        HiddenChannels = hiddenChannels;
        HiddenActivation = hiddenActivation;
        Gelu = gelu;
        fc1 = nn.Conv2d(channels, hiddenChannels, 1, bias: true, device: device);
        fc2 = nn.Conv2d(hiddenChannels, channels, 1, bias: true, device: device);
        InitializeUnitVariance(fc1, channels);
        InitializeUnitVariance(fc2, hiddenChannels);
        RegisterComponents();
    }

    /// <summary>Channels of the gated tensor.</summary>
    public long Channels { get; }

    /// <summary>Bottleneck width (DeepMind: int(channels · 0.5) in NFNets).</summary>
    public long HiddenChannels { get; }

    /// <summary>The activation between fc1 and fc2 (no γ).</summary>
    public string HiddenActivation { get; }

    /// <summary>GELU formula, when <see cref="HiddenActivation"/> is "gelu".</summary>
    public GeluForm Gelu { get; }

    /// <summary>The squeeze 1×1 conv (C → hidden).</summary>
    public Conv2d Fc1 => fc1;

    /// <summary>The excite 1×1 conv (hidden → C).</summary>
    public Conv2d Fc2 => fc2;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var squeezed = input.mean(new long[] { 2, 3 }, keepdim: true);
        var hidden = Activations.ApplyUnscaled(HiddenActivation, fc1.call(squeezed), Gelu);
        var gate = F.sigmoid(fc2.call(hidden));
        return gate.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fc1.Dispose();
            fc2.Dispose();
        }
        base.Dispose(disposing);
    }

    private static void InitializeUnitVariance(Conv2d conv, long fanIn)
    {
        if (conv.weight.is_meta) return;
        using (no_grad())
        {
            nn.init.normal_(conv.weight, 0.0, 1.0 / Math.Sqrt(fanIn));
            nn.init.zeros_(conv.bias!);
        }
    }
}
