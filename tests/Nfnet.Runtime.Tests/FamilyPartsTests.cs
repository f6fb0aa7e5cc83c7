using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime.Tests;

/// <summary>
/// The parts other NF families are made of (ECA, the max-pool stem, the strided-conv shortcut, γ folded into the
/// convs, conv3's zero-init gain, the RegNet placement of attention), each against values computed by hand or from
/// the formulas with plain tensor ops.
/// </summary>
public class FamilyPartsTests
{
    private const double SiluGamma = 1.7881293296813965;

    [Fact]
    public void Eca_gates_each_channel_by_a_conv_across_the_pooled_channels()
    {
        using var eca = new EfficientChannelAttention(3);
        using (no_grad()) eca.Conv.weight.copy_(tensor(new float[] { 0.5f, -1f, 2f }).reshape(1, 1, 3));
        // Channel c of every pixel is c + 1, so the pooled vector is [1, 2, 3, 4].
        using var x = arange(1, 5, dtype: ScalarType.Float32).reshape(1, 4, 1, 1).expand(1, 4, 2, 2).contiguous();

        using var gate = eca.call(x);

        // Zero padding: y[c] = 0.5·p[c−1] − 1·p[c] + 2·p[c+1]: 0 − 1 + 4 = 3, 0.5 − 2 + 6 = 4.5, 1 − 3 + 8 = 6, 1.5 − 4 + 0 = −2.5.
        double Sigmoid(double v) => 1.0 / (1.0 + Math.Exp(-v));
        Assert.Equal(new long[] { 1, 4, 1, 1 }, gate.shape);
        TensorAssert.Close(new[] { Sigmoid(3), Sigmoid(4.5), Sigmoid(6), Sigmoid(-2.5) }, gate, 1e-6);
        Assert.Equal(new[] { "conv.weight" }, eca.state_dict().Keys);
    }

    [Fact]
    public void Max_pool_pads_symmetrically_or_tf_same_and_never_lets_padding_win()
    {
        // x[i, j] = −(4i + j) − 1, all negative: a zero pad would win every border window.
        using var x = arange(16, dtype: ScalarType.Float32).reshape(1, 1, 4, 4).neg().sub(1);

        using var symmetric = NfStem.Pool(x, ConvPadding.Symmetric);
        using var same = NfStem.Pool(x, ConvPadding.Same);

        // Symmetric: windows start at rows/cols −1 and 1, so the maxima are x[0,0], x[0,1], x[1,0], x[1,1].
        TensorAssert.Close(new[] { -1.0, -2, -5, -6 }, symmetric, 0);
        // SAME on an even size pads 0 before and 1 after: windows start at 0 and 2.
        TensorAssert.Close(new[] { -1.0, -3, -9, -11 }, same, 0);
    }

    [Fact]
    public void A_pooled_7x7_stem_is_named_conv_and_pool_and_quarters_the_size()
    {
        var config = new NfConfig("relu", new NfNumerics(WsEpsilonMode.Timm, ConvPadding.Symmetric, GeluForm.Erf), GammaPlacement.Conv);
        using var stem = new NfStem(3, new long[] { 8 }, new long[] { 7 }, new long[] { 2 }, maxPool: true, config);

        Assert.Equal(new[] { "conv.weight", "conv.bias", "conv.gain" }, stem.state_dict().Keys);
        using var y = stem.call(randn(1, 3, 33, 33));
        Assert.Equal(new long[] { 1, 8, 9, 9 }, y.shape); // ceil(ceil(33 / 2) / 2)
    }

    [Fact]
    public void Gamma_folded_into_the_conv_scales_the_standardized_weight()
    {
        manual_seed(5);
        using var plain = new ScaledStdConv2d(4, 6, 3, numerics: NfNumerics.Timm);
        using var scaled = new ScaledStdConv2d(4, 6, 3, numerics: NfNumerics.Timm, gamma: 1.7);
        using (no_grad()) scaled.weight.copy_(plain.weight);

        using var expected = plain.StandardizedWeight().mul(1.7);
        using var actual = scaled.StandardizedWeight();

        TensorAssert.Close(expected, actual, 1e-6);
    }

    [Fact]
    public void Conv3_zero_init_has_no_skip_gain_and_starts_as_the_identity()
    {
        manual_seed(6);
        var config = NfConfig.DeepMind with { ZeroInit = ZeroInit.Conv3Gain };
        using var block = new NormFreeBlock(8, 8, 8, 1, 1, 1.0, 0.2, 0.0, BlockAttention.Se(4), config);

        Assert.Null(block.SkipinitGain);
        Assert.DoesNotContain("skipinit_gain", block.state_dict().Keys);
        Assert.All(TensorAssert.Values(block.state_dict()["conv3.gain"]), g => Assert.Equal(0.0, g));
        Assert.All(TensorAssert.Values(block.state_dict()["conv1.gain"]), g => Assert.Equal(1.0, g));
        using var x = randn(2, 8, 5, 5);
        using var y = block.call(x);
        TensorAssert.Identical(x, y);
    }

    [Fact]
    public void A_strided_conv_shortcut_is_one_strided_1x1_conv()
    {
        manual_seed(7);
        var config = NfConfig.DeepMind with { Shortcut = ShortcutKind.StridedConv, Numerics = NfNumerics.Timm };
        using var shortcut = new Downsample(4, 6, 2, config);
        using var x = randn(1, 4, 5, 5);

        using var expected = F.conv2d(x, shortcut.Conv.StandardizedWeight(), shortcut.Conv.bias, strides: new long[] { 2, 2 });
        using var actual = shortcut.call(x);

        Assert.Equal(new long[] { 1, 6, 3, 3 }, actual.shape);
        TensorAssert.Close(expected, actual, 1e-6);
        Assert.Equal(new[] { "conv.weight", "conv.bias", "conv.gain" }, shortcut.state_dict().Keys);
    }

    /// <summary>
    /// An NF-RegNet-style block: no conv2b, ECA on the mid width before conv3, γ folded into every conv (plain SiLU),
    /// conv3's zero-init gain opened to 0.6, symmetric padding, timm's WS epsilon, recomputed with plain ops.
    /// </summary>
    [Fact]
    public void A_regnet_block_with_mid_attention_and_gamma_in_the_convs_matches_a_recomputation()
    {
        manual_seed(8);
        const double beta = 0.9, alpha = 0.2;
        var numerics = new NfNumerics(WsEpsilonMode.Timm, ConvPadding.Symmetric, GeluForm.Erf, StochasticDepthMode.Timm);
        var config = new NfConfig("silu", numerics, GammaPlacement.Conv, ExtraConv: false, ShortcutKind.AvgPool, ZeroInit.Conv3Gain);
        using var block = new NormFreeBlock(4, 8, 6, groups: 2, stride: 2, beta, alpha, 0.0, BlockAttention.Eca(3, AttentionPlace.Mid), config);
        block.to(ScalarType.Float64);
        var sd = block.state_dict();
        using (no_grad()) sd["conv3.gain"].fill_(0.6);
        block.eval();

        Assert.DoesNotContain("conv2b.weight", sd.Keys);
        Assert.Contains("attn.conv.weight", sd.Keys);
        Assert.DoesNotContain(sd.Keys, k => k.StartsWith("attn_last", StringComparison.Ordinal));

        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 4, 6, 6 }, dtype: ScalarType.Float64);
        Tensor W(string prefix)
        {
            var w = sd[$"{prefix}.weight"];
            long fanIn = w.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            var dims = new long[] { 1, 2, 3 };
            var centered = w - w.mean(dims, keepdim: true);
            var variance = centered.square().mean(dims, keepdim: true);
            return centered / (variance + 1e-5).sqrt() * sd[$"{prefix}.gain"] * (SiluGamma / Math.Sqrt(fanIn));
        }
        Tensor Conv(Tensor input, string prefix, long stride, long groups, long padding) =>
            F.conv2d(input, W(prefix), sd[$"{prefix}.bias"], strides: new[] { stride, stride }, padding: new[] { padding, padding }, groups: groups);

        var preact = F.silu(x) * beta;
        var shortcut = Conv(F.avg_pool2d(preact, new long[] { 2, 2 }, new long[] { 2, 2 }, ceil_mode: true, count_include_pad: false), "downsample.conv", 1, 1, 0);
        var branch = Conv(preact, "conv1", 1, 1, 0);
        branch = Conv(F.silu(branch), "conv2", 2, 2, 1);
        var pooled = branch.mean(new long[] { 2, 3 }).unsqueeze(1);
        var gate = F.conv1d(pooled, sd["attn.conv.weight"], padding: 1).sigmoid().reshape(2, 6, 1, 1);
        branch = branch * (2.0 * gate);
        branch = Conv(F.silu(branch), "conv3", 1, 1, 0);
        var expected = branch * alpha + shortcut;

        var actual = block.call(x);
        Assert.Equal(new long[] { 2, 8, 3, 3 }, actual.shape);
        TensorAssert.Close(expected, actual, 1e-10);
    }

    [Fact]
    public void Timm_stochastic_depth_rescales_kept_branches()
    {
        var config = NfConfig.DeepMind with { Numerics = NfNumerics.Timm };
        using var block = new NormFreeBlock(8, 8, 8, 1, 1, 1.0, 0.2, 0.25, BlockAttention.Se(4), config);
        var dropPath = block.named_modules().Select(m => m.module).OfType<StochasticDepth>().Single();

        Assert.True(dropPath.ScaleByKeep);
        Assert.Equal(0.25, dropPath.Rate);
    }
}
