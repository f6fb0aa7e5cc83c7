using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Runtime;

/// <summary>
/// γ·f(x) as a parameter-free module (DeepMind puts γ in the activation; timm's dm_nfnet models do the same
/// with gamma_in_act). It has no state, so registering it adds no state_dict keys.
/// </summary>
public sealed class GammaActivation : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates γ·<paramref name="activation"/>(x); <paramref name="gamma"/> overrides the table's γ (1 gives the plain activation).</summary>
    public GammaActivation(string activation, NfNumerics? numerics = null, double? gamma = null) : base(nameof(GammaActivation))
    {
        Activation = activation;
        var tableGamma = Activations.GammaOf(activation); // also rejects unknown names
        Gamma = gamma ?? tableGamma;
        Gelu = (numerics ?? NfNumerics.DeepMind).Gelu;
    }

    /// <summary>Activation name (a key of <see cref="Activations.Gammas"/>).</summary>
    public string Activation { get; }

    /// <summary>The γ constant multiplied onto f(x).</summary>
    public double Gamma { get; }

    /// <summary>GELU formula used when <see cref="Activation"/> is "gelu".</summary>
    public GeluForm Gelu { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (Activation == "identity" && Gamma == 1.0) return input.alias();
        using var scope = NewDisposeScope();
        var activated = Activations.ApplyUnscaled(Activation, input, Gelu);
        return (Gamma == 1.0 ? activated : activated.mul(Gamma)).MoveToOuterDisposeScope();
    }
}
