using TorchSharp;
using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime.Tests;

public class NormFreeBlockTests
{
    private const double GeluGamma = 1.7015043497085571;

    // Plain-op reimplementations, written from the DeepMind equations rather than through the runtime.
    private static Tensor Standardized(Tensor w, Tensor gain)
    {
        long fanIn = w.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var dims = new long[] { 1, 2, 3 };
        var centered = w - w.mean(dims, keepdim: true);
        var variance = centered.square().mean(dims, keepdim: true);
        return centered * gain / (variance * fanIn).clamp_min(1e-4).sqrt();
    }

    private static Tensor GammaGeluTanh(Tensor x) =>
        0.5 * x * (1.0 + (Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3))).tanh()) * GeluGamma;

    private static Tensor Conv(Tensor x, Tensor state, string prefix, System.Collections.Generic.Dictionary<string, Tensor> sd,
        long stride, long groups, long padBefore, long padAfter)
    {
        var padded = F.pad(x, new[] { padBefore, padAfter, padBefore, padAfter });
        return F.conv2d(padded, Standardized(sd[$"{prefix}.weight"], sd[$"{prefix}.gain"]), sd[$"{prefix}.bias"],
            strides: new[] { stride, stride }, groups: groups);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forward_and_gradients_match_a_manual_recomputation(bool training)
    {
        manual_seed(21);
        const double beta = 0.9, alpha = 0.2;
        using var block = new NormFreeBlock(4, 8, 4, groups: 2, stride: 2, beta, alpha, dropPathRate: 0.0, BlockAttention.Se(2), NfConfig.DeepMind);
        block.to(ScalarType.Float64);
        using (no_grad()) block.SkipinitGain!.fill_(0.7); // 0 would hide the whole residual branch
        block.train(training);

        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 4, 5, 5 }, dtype: ScalarType.Float64).requires_grad_();
        // The reference runs on detached copies of the parameters, so the two graphs share nothing but x.
        var sd = block.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().requires_grad_());

        var preact = GammaGeluTanh(x) * beta;
        // Shortcut: SAME 2×2/2 average pool on 5×5 pads 1 after and divides each window by its real pixels.
        var windowSums = F.avg_pool2d(F.pad(preact, new long[] { 0, 1, 0, 1 }), new long[] { 2, 2 }, new long[] { 2, 2 }) * 4;
        var windowCounts = F.avg_pool2d(F.pad(ones_like(preact), new long[] { 0, 1, 0, 1 }), new long[] { 2, 2 }, new long[] { 2, 2 }) * 4;
        var shortcut = Conv(windowSums / windowCounts, x, "downsample.conv", sd, 1, 1, 0, 0);

        var branch = Conv(preact, x, "conv1", sd, 1, 1, 0, 0);
        branch = Conv(GammaGeluTanh(branch), x, "conv2", sd, 2, 2, 1, 1);   // 5 → 3: SAME pads 1/1
        branch = Conv(GammaGeluTanh(branch), x, "conv2b", sd, 1, 2, 1, 1);
        branch = Conv(GammaGeluTanh(branch), x, "conv3", sd, 1, 1, 0, 0);
        var hidden = F.conv2d(branch.mean(new long[] { 2, 3 }, keepdim: true), sd["attn_last.fc1.weight"], sd["attn_last.fc1.bias"]).relu();
        var gate = F.conv2d(hidden, sd["attn_last.fc2.weight"], sd["attn_last.fc2.bias"]).sigmoid();
        branch = branch * (2.0 * gate) * sd["skipinit_gain"];
        var expected = branch * alpha + shortcut;

        var actual = block.call(x);
        Assert.Equal(new long[] { 2, 8, 3, 3 }, actual.shape);
        TensorAssert.Close(expected, actual, 1e-10);

        // The folded constants must leave the gradients those of the formula: to the input, a conv weight and the skip gain.
        var probe = randn_like(expected);
        var expectedGrads = torch.autograd.grad(new[] { expected.mul(probe).sum() }, new[] { x, sd["conv2.weight"], sd["skipinit_gain"] });
        var parameters = block.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var actualGrads = torch.autograd.grad(new[] { actual.mul(probe).sum() }, new[] { x, parameters["conv2.weight"], parameters["skipinit_gain"] });
        for (int i = 0; i < expectedGrads.Count; i++)
            TensorAssert.Close(expectedGrads[i], actualGrads[i], 1e-10);
    }

    [Fact]
    public void A_fresh_identity_block_returns_its_input()
    {
        // skipinit_gain starts at 0 and in == out at stride 1 means no projection: out = 0·α + x.
        manual_seed(22);
        using var block = new NormFreeBlock(8, 8, 8, groups: 1, stride: 1, beta: 1.0, alpha: 0.2, dropPathRate: 0.0, BlockAttention.Se(4), NfConfig.DeepMind);
        Assert.False(block.HasDownsample);
        Assert.Equal(0.0, block.SkipinitGain!.item<float>());
        using var x = randn(1, 8, 4, 4);
        using var y = block.call(x);
        TensorAssert.Identical(y, x);
    }

    [Fact]
    public void Optional_parts_follow_the_constructor_arguments()
    {
        using var plain = new NormFreeBlock(8, 16, 8, 1, 1, 1.0, 0.2, dropPathRate: 0.0, attention: null, NfConfig.DeepMind);
        var names = plain.named_modules().Select(m => m.name).ToHashSet();
        Assert.Contains("downsample", names);      // width change at stride 1
        Assert.DoesNotContain("attn_last", names);
        Assert.DoesNotContain("drop_path", names);

        using var dropping = new NormFreeBlock(8, 8, 8, 1, 1, 1.0, 0.2, dropPathRate: 0.1, BlockAttention.Se(4), NfConfig.DeepMind);
        names = dropping.named_modules().Select(m => m.name).ToHashSet();
        Assert.Contains("drop_path", names);
        Assert.DoesNotContain("downsample", names);
        Assert.Equal(0.1, dropping.DropPathRate);
        Assert.Equal(8, dropping.OutChannels);
    }

    [Fact]
    public void The_stem_has_timms_module_names()
    {
        using var stem = new NfStem(3, new long[] { 16, 32, 64, 128 }, new long[] { 3, 3, 3, 3 }, new long[] { 2, 1, 1, 2 }, maxPool: false, NfConfig.DeepMind);
        Assert.Equal(new[] { "conv1", "act2", "conv2", "act3", "conv3", "act4", "conv4" }, stem.named_children().Select(c => c.name));
        using var x = randn(1, 3, 16, 16);
        using var y = stem.call(x);
        Assert.Equal(new long[] { 1, 128, 4, 4 }, y.shape);
    }
}
