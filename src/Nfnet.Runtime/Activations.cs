using System;
using System.Collections.Generic;
using Nfnet.Dsl.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// The nonlinearities of normalizer-free networks and their γ constants. γ rescales f(x) so that for
/// x ~ N(0, 1) the output again has unit variance, which is what lets the network drop normalization.
/// The constants are DeepMind's empirical values (nfnets/base.py), copied verbatim so that weights trained
/// with them stay compatible; they are about 0.06% above the analytic 1/std(f(z)).
/// </summary>
/// <remarks>
/// DeepMind's table also has glu (γ = 1.8484294414520264). GLU halves the channel count, so it cannot be a
/// drop-in activation between convolutions of fixed width; it is left out.
/// </remarks>
public static class Activations
{
    // The one table of γ constants lives in the compiler core, so validation and runtime can never disagree.
    private static readonly IReadOnlyDictionary<string, double> GammaTable = ActivationGammas.All;

    /// <summary>Activation name (DeepMind spelling) → γ.</summary>
    public static IReadOnlyDictionary<string, double> Gammas => GammaTable;

    /// <summary>Whether <paramref name="name"/> is an activation this runtime can compute.</summary>
    public static bool IsKnown(string name) => GammaTable.ContainsKey(name);

    /// <summary>γ of <paramref name="name"/>; throws for unknown names.</summary>
    public static double GammaOf(string name) =>
        GammaTable.TryGetValue(name, out var gamma)
            ? gamma
            : throw new ArgumentException($"Unknown activation '{name}'. Known: {string.Join(", ", GammaTable.Keys)}.", nameof(name));

    /// <summary>f(x) without γ. DeepMind's JAX defaults are used (leaky slope 0.01, elu/celu alpha 1).</summary>
    public static Tensor ApplyUnscaled(string name, Tensor x, GeluForm gelu) => name switch
    {
        "identity" => x.alias(),
        "celu" => F.celu(x, 1.0),
        "elu" => F.elu(x, 1.0),
        "gelu" => F.gelu(x, gelu == GeluForm.Tanh ? GELU.Approximate.tanh : GELU.Approximate.none),
        "leaky_relu" => F.leaky_relu(x, 0.01),
        "log_sigmoid" => F.logsigmoid(x),
        // JAX normalizes over the last (channel) axis of NHWC; in NCHW the channels are dim 1.
        "log_softmax" => F.log_softmax(x, x.dim() >= 2 ? 1 : -1),
        "relu" => F.relu(x),
        "relu6" => F.relu6(x),
        "selu" => F.selu(x),
        "sigmoid" => F.sigmoid(x),
        "silu" => F.silu(x),
        "soft_sign" => F.softsign(x),
        "softplus" => F.softplus(x),
        "tanh" => F.tanh(x),
        _ => throw new ArgumentException($"Unknown activation '{name}'.", nameof(name)),
    };
}
