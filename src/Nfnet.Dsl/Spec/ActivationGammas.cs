using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Dsl.Spec;

/// <summary>
/// The "magic constants" γ that make each activation variance-preserving on unit-Gaussian input,
/// verbatim from DeepMind's nfnets/base.py (timm copies the same values). The activation is applied as f(x)·γ.
/// glu is left out: it halves the channels, which no NF block expects.
/// </summary>
public static class ActivationGammas
{
    public static IReadOnlyDictionary<string, double> All { get; } = new Dictionary<string, double>
    {
        ["identity"] = 1.0,
        ["celu"] = 1.270926833152771,
        ["elu"] = 1.2716004848480225,
        ["gelu"] = 1.7015043497085571,
        ["leaky_relu"] = 1.70590341091156,
        ["log_sigmoid"] = 1.9193484783172607,
        ["log_softmax"] = 1.0002083778381348,
        ["relu"] = 1.7139588594436646,
        ["relu6"] = 1.7131484746932983,
        ["selu"] = 1.0008515119552612,
        ["sigmoid"] = 4.803835391998291,
        ["silu"] = 1.7881293296813965,
        ["soft_sign"] = 2.338853120803833,
        ["softplus"] = 1.9203323125839233,
        ["tanh"] = 1.5939117670059204,
    };

    public static IReadOnlyList<string> Names { get; } = All.Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToList();
}
