using TorchSharp;
using System;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class WeightStandardizationTests
{
    // Two output channels of a 1-in 2×2 kernel (fan_in 4):
    //   channel 0: [1, 2, 3, 4]      mean 2.5, population var 1.25 → fan_in·var = 5 (well above 1e-4)
    //   channel 1: [1, 1, 1, 1.01]   mean 1.0025, var 1.875e-5   → fan_in·var = 7.5e-5 (below DM's 1e-4 clamp)
    // gain = [2, 1].
    private static Tensor Weight() => tensor(new double[] { 1, 2, 3, 4, 1, 1, 1, 1.01 }, new long[] { 2, 1, 2, 2 }, ScalarType.Float64);

    private static Tensor Gain() => tensor(new double[] { 2, 1 }, new long[] { 2, 1, 1, 1 }, ScalarType.Float64);

    [Fact]
    public void DeepMind_mode_divides_by_the_clamped_fan_in_variance()
    {
        using var w = Weight();
        using var g = Gain();
        using var standardized = WeightStandardization.Standardize(w, g, WsEpsilonMode.DeepMind);

        double c0 = 2.0 / Math.Sqrt(5.0);            // gain / sqrt(4 · 1.25)
        double c1 = 1.0 / Math.Sqrt(1e-4);           // clamp: 1 / sqrt(1e-4) = 100
        TensorAssert.Close(new[]
        {
            -1.5 * c0, -0.5 * c0, 0.5 * c0, 1.5 * c0,     // ±1.3416407865, ±0.4472135955
            -0.0025 * c1, -0.0025 * c1, -0.0025 * c1, 0.0075 * c1, // -0.25 ×3, 0.75
        }, standardized, 1e-12);
    }

    [Fact]
    public void Timm_mode_adds_eps_to_the_variance_and_scales_by_one_over_sqrt_fan_in()
    {
        using var w = Weight();
        using var g = Gain();
        using var standardized = WeightStandardization.Standardize(w, g, WsEpsilonMode.Timm);

        double c0 = 2.0 / Math.Sqrt(1.25 + 1e-5) / 2.0;        // gain / sqrt(var + eps) / sqrt(4)
        double c1 = 1.0 / Math.Sqrt(1.875e-5 + 1e-5) / 2.0;    // ≈ 93.2505
        TensorAssert.Close(new[]
        {
            -1.5 * c0, -0.5 * c0, 0.5 * c0, 1.5 * c0,     // ±1.3416354, ±0.4472118
            -0.0025 * c1, -0.0025 * c1, -0.0025 * c1, 0.0075 * c1, // -0.2331262 ×3, 0.6993786
        }, standardized, 1e-10);
    }

    [Theory]
    [InlineData(WsEpsilonMode.DeepMind, 1.0)]
    [InlineData(WsEpsilonMode.Timm, 1.0)]
    [InlineData(WsEpsilonMode.Timm, 1.7881293296813965)]
    public void The_fused_batch_norm_form_equals_the_formula_with_the_same_gradients(WsEpsilonMode mode, double gamma)
    {
        manual_seed(11);
        using var w = randn(new long[] { 24, 8, 3, 3 }, dtype: ScalarType.Float64).add(randn(new long[] { 24, 1, 1, 1 }, dtype: ScalarType.Float64)).requires_grad_();
        using var g = rand(new long[] { 24, 1, 1, 1 }, dtype: ScalarType.Float64).add(0.5).requires_grad_();
        using var projection = randn(new long[] { 24, 8, 3, 3 }, dtype: ScalarType.Float64);
        Assert.False(WeightStandardization.ClampBinds(w));

        var fused = WeightStandardization.Standardize(w, g, mode, gamma);
        fused.mul(projection).sum().backward();
        var (fusedW, fusedG) = (w.grad!.clone(), g.grad!.clone());
        w.grad!.zero_();
        g.grad!.zero_();
        var formula = WeightStandardization.StandardizeByFormula(w, g, mode, gamma);
        formula.mul(projection).sum().backward();

        TensorAssert.Close(formula, fused, 1e-12);
        TensorAssert.Close(w.grad!, fusedW, 1e-12);
        TensorAssert.Close(g.grad!, fusedG, 1e-12);
    }

    [Fact]
    public void A_constant_channel_standardizes_to_zero_and_a_one_element_fan_in_too()
    {
        // DeepMind: (w − mean)·rsqrt(max(fan_in·0, 1e-4)) = 0·100 for a channel with no variance; never NaN.
        using var constant = tensor(new double[] { 1, 2, 3, 4, 5, 5, 5, 5 }, new long[] { 2, 1, 2, 2 }, ScalarType.Float64);
        using var g = Gain();
        using var standardized = WeightStandardization.Standardize(constant, g, WsEpsilonMode.DeepMind);
        double c0 = 2.0 / Math.Sqrt(5.0);
        TensorAssert.Close(new[] { -1.5 * c0, -0.5 * c0, 0.5 * c0, 1.5 * c0, 0, 0, 0, 0 }, standardized, 1e-12);

        using var pointwise = tensor(new double[] { 0.3, -2.0 }, new long[] { 2, 1, 1, 1 }, ScalarType.Float64);
        using var single = WeightStandardization.Standardize(pointwise, g, WsEpsilonMode.DeepMind);
        TensorAssert.Close(new double[] { 0, 0 }, single, 0);
    }

    [Fact]
    public void A_weight_where_deepminds_clamp_binds_is_detected()
    {
        using var w = Weight();   // channel 1 has fan_in·var = 7.5e-5 < 1e-4
        Assert.True(WeightStandardization.ClampBinds(w));
        using var relaxed = w.clone();
        relaxed[1, 0, 1, 1] = tensor(1.1, ScalarType.Float64);   // fan_in·var ≈ 0.0075
        Assert.False(WeightStandardization.ClampBinds(relaxed));
    }

    [Fact]
    public void The_conv_initialises_like_DeepMind()
    {
        manual_seed(1);
        using var conv = new ScaledStdConv2d(64, 32, 3);
        Assert.Equal(new long[] { 32, 64, 3, 3 }, conv.weight.shape);
        Assert.Equal(new long[] { 32 }, conv.bias.shape);
        Assert.Equal(new long[] { 32, 1, 1, 1 }, conv.gain.shape);
        Assert.Equal(0.0, conv.bias.abs().sum().item<float>());
        Assert.Equal(32.0, conv.gain.sum().item<float>());
        // N(0, 1/fan_in) with fan_in = 576 over 18432 samples: the sample std is within a few percent.
        double std = conv.weight.std().item<float>();
        Assert.InRange(std, 0.95 / Math.Sqrt(576), 1.05 / Math.Sqrt(576));
    }

    [Theory]
    [InlineData(WsEpsilonMode.DeepMind)]
    [InlineData(WsEpsilonMode.Timm)]
    public void Gradients_to_weight_and_gain_match_finite_differences(WsEpsilonMode mode)
    {
        manual_seed(7);
        using var conv = new ScaledStdConv2d(2, 3, 3, numerics: new NfNumerics(WsEpsilon: mode));
        conv.to(ScalarType.Float64);
        using (no_grad()) conv.gain.copy_(tensor(new double[] { 0.5, 1.5, -2.0 }, new long[] { 3, 1, 1, 1 }, ScalarType.Float64));
        using var input = randn(new long[] { 2, 2, 5, 5 }, dtype: ScalarType.Float64);
        using var projection = randn(new long[] { 2, 3, 5, 5 }, dtype: ScalarType.Float64);

        double Loss()
        {
            using var _ = no_grad();
            using var y = conv.call(input);
            return (y * projection).sum().item<double>();
        }

        using (var y = conv.call(input))
        using (var loss = (y * projection).sum())
        {
            loss.backward();
        }

        const double h = 1e-6;
        foreach (var parameter in new[] { conv.weight, conv.gain })
        {
            var analytic = TensorAssert.Values(parameter.grad!);
            var flat = parameter.detach().view(-1);
            foreach (long i in new long[] { 0, 1, flat.shape[0] - 1 })
            {
                double original = flat[i].item<double>();
                using (no_grad()) flat[i].fill_(original + h);
                double plus = Loss();
                using (no_grad()) flat[i].fill_(original - h);
                double minus = Loss();
                using (no_grad()) flat[i].fill_(original);
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)),
                    $"{mode} element {i}: finite difference {numeric:R}, autograd {analytic[i]:R}");
            }
        }
    }
}
