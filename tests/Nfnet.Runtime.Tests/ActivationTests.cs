using TorchSharp;
using System;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class ActivationTests
{
    [Fact]
    public void Gamma_relu_scales_by_DeepMinds_constant()
    {
        using var act = new GammaActivation("relu");
        using var x = tensor(new double[] { -1.0, 0.0, 2.0, 0.5 }, dtype: ScalarType.Float64);
        using var y = act.call(x);
        TensorAssert.Close(new[] { 0.0, 0.0, 2.0 * 1.7139588594436646, 0.5 * 1.7139588594436646 }, y, 1e-15);
    }

    [Fact]
    public void Gelu_follows_the_numerics_form()
    {
        // GELU(1): tanh form 0.5·(1 + tanh(sqrt(2/π)·(1 + 0.044715))) = 0.841192; erf form Φ(1) = 0.841345.
        using var x = tensor(new double[] { 1.0 }, dtype: ScalarType.Float64);
        using var tanhForm = Activations.ApplyUnscaled("gelu", x, GeluForm.Tanh);
        using var erfForm = Activations.ApplyUnscaled("gelu", x, GeluForm.Erf);
        TensorAssert.Close(new[] { 0.8411919906082768 }, tanhForm, 1e-12);
        TensorAssert.Close(new[] { 0.8413447460685429 }, erfForm, 1e-12);

        using var deepMind = new GammaActivation("gelu", NfNumerics.DeepMind);
        using var timm = new GammaActivation("gelu", NfNumerics.Timm);
        using var dmOut = deepMind.call(x);
        using var timmOut = timm.call(x);
        TensorAssert.Close(new[] { 0.8411919906082768 * 1.7015043497085571 }, dmOut, 1e-12);
        TensorAssert.Close(new[] { 0.8413447460685429 * 1.7015043497085571 }, timmOut, 1e-12);
    }

    [Fact]
    public void The_gamma_table_is_DeepMinds_verbatim()
    {
        Assert.Equal(15, Activations.Gammas.Count);
        Assert.Equal(1.7139588594436646, Activations.Gammas["relu"]);
        Assert.Equal(1.7015043497085571, Activations.Gammas["gelu"]);
        Assert.Equal(1.7881293296813965, Activations.Gammas["silu"]);
        Assert.Equal(4.803835391998291, Activations.Gammas["sigmoid"]);
        Assert.Equal(2.338853120803833, Activations.Gammas["soft_sign"]);
        Assert.Equal(1.0, Activations.Gammas["identity"]);
        Assert.False(Activations.IsKnown("glu"));
        Assert.Throws<ArgumentException>(() => new GammaActivation("swish"));
    }

    [Fact]
    public void Every_known_activation_computes_its_function_at_a_point()
    {
        // f(1) by hand for each activation (log_softmax over a single channel is log(1) = 0).
        var expectedAtOne = new (string Name, double Value)[]
        {
            ("identity", 1.0), ("celu", 1.0), ("elu", 1.0), ("leaky_relu", 1.0), ("relu", 1.0), ("relu6", 1.0),
            ("selu", 1.0507009873554805), ("sigmoid", 1.0 / (1.0 + Math.Exp(-1.0))), ("silu", 1.0 / (1.0 + Math.Exp(-1.0))),
            ("soft_sign", 0.5), ("softplus", Math.Log(1.0 + Math.E)), ("tanh", Math.Tanh(1.0)),
            ("log_sigmoid", -Math.Log(1.0 + Math.Exp(-1.0))), ("log_softmax", 0.0),
        };
        using var x = ones(new long[] { 1, 1, 1, 1 }, ScalarType.Float64);
        foreach (var (name, value) in expectedAtOne)
        {
            using var act = new GammaActivation(name);
            using var y = act.call(x);
            TensorAssert.Close(new[] { value * Activations.Gammas[name] }, y, 1e-7);
        }
    }
}
