using TorchSharp;
using System.IO;
using System.Linq;
using Nfnet.Runtime.Optim;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class AgcSgdTests
{
    private static Tensor T(double[] values, params long[] shape) => tensor(values, shape, ScalarType.Float64);

    [Fact]
    public void Clipping_rescales_exactly_the_units_over_the_threshold()
    {
        // Rows (output units) of p have norm 5 → max grad norm 0.01 · 5 = 0.05.
        using var p = T(new double[] { 3, 4, 0, 0, 0, 5 }, 2, 3);
        // Row 0: norm 0.03 < 0.05, untouched. Row 1: norm 0.5 > 0.05, scaled by 0.05 / 0.5 = 0.1.
        using var g = T(new double[] { 0.01, 0.02, 0.02, 0.3, 0.0, 0.4 }, 2, 3);
        using var clipped = AgcSgd.Clip(p, g, 0.01, 1e-3);

        TensorAssert.Identical(clipped[0], g[0]);          // bit-identical, not merely close
        TensorAssert.Close(new[] { 0.03, 0.0, 0.04 }, clipped[1], 1e-15);
    }

    [Fact]
    public void The_trigger_is_strictly_greater_than_the_threshold()
    {
        // Binary-exact numbers: ‖p‖ = 2, clipping 0.25 → threshold 0.5.
        using var p = T(new double[] { 2, 0, 2, 0 }, 2, 2);
        // Row 0 sits exactly on the threshold and stays; row 1 (norm √0.5 ≈ 0.707) is scaled to norm 0.5.
        using var g = T(new double[] { 0.5, 0, 0.5, 0.5 }, 2, 2);
        using var clipped = AgcSgd.Clip(p, g, 0.25, 1e-3);
        TensorAssert.Identical(g[0], clipped[0]);
        double s = 0.5 / System.Math.Sqrt(0.5);
        TensorAssert.Close(new[] { 0.5 * s, 0.5 * s }, clipped[1], 1e-15);
    }

    [Fact]
    public void Clipping_floors_the_parameter_norm_at_eps()
    {
        // A zero parameter (e.g. skipinit_gain) may still move by up to clipping · eps = 1e-5 per step.
        using var p = zeros(new long[] { 1 }, ScalarType.Float64);
        using var g = T(new double[] { 1.0 }, 1);
        using var clipped = AgcSgd.Clip(p, g, 0.01, 1e-3);
        TensorAssert.Close(new[] { 1e-5 }, clipped, 1e-18);
    }

    [Fact]
    public void A_gain_of_shape_out_1_1_1_is_clipped_as_one_unit_like_DeepMinds_vector()
    {
        // gain [3, 4]: whole norm 5 → threshold 0.05. grad [0.045, 0.01] has norm 0.0461 < 0.05, so it stays,
        // although channel 0 alone (0.045 > 0.01 · 3) would be clipped by timm's per-channel rule.
        using var gain = T(new double[] { 3, 4 }, 2, 1, 1, 1);
        using var grad = T(new double[] { 0.045, 0.01 }, 2, 1, 1, 1);
        using var clipped = AgcSgd.Clip(gain, grad, 0.01, 1e-3);
        TensorAssert.Identical(clipped, grad);

        using var norm = UnitwiseNorm.Compute(gain);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, norm.shape);
        using var convWeight = ones(4, 2, 3, 3);
        using var perUnit = UnitwiseNorm.Compute(convWeight);
        Assert.Equal(new long[] { 4, 1, 1, 1 }, perUnit.shape);
        TensorAssert.Close(Enumerable.Repeat(System.Math.Sqrt(18), 4).ToArray(), perUnit, 1e-6);
    }

    [Fact]
    public void A_step_applies_decay_after_clipping_then_nesterov_momentum()
    {
        // p = 1, constant grad 0.5, wd 0.1, momentum 0.9, lr 0.1, clipping off for the group. By hand:
        //   step 1: g = 0.5 + 0.1·1 = 0.6;       buf = 0.6;                      g' = 0.6 + 0.9·0.6 = 1.14;      p = 0.886
        //   step 2: g = 0.5 + 0.1·0.886 = 0.5886; buf = 0.9·0.6 + 0.5886 = 1.1286; g' = 0.5886 + 0.9·1.1286 = 1.60434; p = 0.725566
        var p = new Parameter(T(new double[] { 1.0 }, 1));
        using var opt = new AgcSgd(new[] { new AgcSgd.ParamGroup(new[] { p }, clipping: 0.0) }, lr: 0.1, momentum: 0.9, weightDecay: 0.1);
        foreach (double expected in new[] { 0.886, 0.725566 })
        {
            p.grad = T(new double[] { 0.5 }, 1);
            opt.step();
            Assert.Equal(expected, p.item<double>(), 12);
        }
        Assert.Equal(1.1286, opt.MomentumBuffer(p)!.item<double>(), 12);
    }

    [Fact]
    public void The_in_place_step_is_bit_identical_to_the_out_of_place_formula()
    {
        // The step before it worked in place: update = clip(g) + wd·p; buf = m·buf + update; update += m·buf; p −= lr·update.
        manual_seed(3);
        var p = new Parameter(randn(64, 32, 3, 3));
        var reference = p.detach().clone();
        Tensor? buffer = null;
        using var opt = new AgcSgd(new[] { p }, lr: 0.05, momentum: 0.9, weightDecay: 2e-5, nesterov: true, clipping: 0.01);
        for (int step = 0; step < 4; step++)
        {
            var grad = randn(64, 32, 3, 3).mul(0.1);
            p.grad = grad.clone();
            opt.step();

            var update = AgcSgd.Clip(reference, grad, 0.01, AgcSgd.DefaultEps).add(reference, alpha: 2e-5);
            buffer = buffer is null ? update.clone() : buffer.mul(0.9).add(update);
            update = update.add(buffer, alpha: 0.9);
            reference = reference.add(update, alpha: -0.05);
            Assert.True(reference.eq(p).all().item<bool>(), $"step {step} differs");
        }
    }

    [Fact]
    public void A_clipped_step_moves_the_parameter_by_lr_times_the_clipped_grad()
    {
        var p = new Parameter(T(new double[] { 3, 4, 0, 0, 0, 5 }, 2, 3));
        using var opt = new AgcSgd(new[] { p }, lr: 1.0, momentum: 0.0, weightDecay: 0.0, nesterov: false);
        p.grad = T(new double[] { 0.01, 0.02, 0.02, 0.3, 0.0, 0.4 }, 2, 3);
        opt.step();
        TensorAssert.Close(new[] { 2.99, 3.98, -0.02, -0.03, 0.0, 4.96 }, p, 1e-12);
    }

    [Fact]
    public void ForNfnet_builds_DeepMinds_three_groups()
    {
        using var net = new TinyNfnet();
        using var opt = AgcSgd.ForNfnet(net, lr: 0.4);
        var named = net.named_parameters().ToDictionary(np => np.parameter.Handle, np => np.name);
        var groups = opt.ParamGroups.Cast<AgcSgd.ParamGroup>().ToList();
        Assert.Equal(3, groups.Count);

        var gainsBiases = groups[0].Parameters.Select(p => named[p.Handle]).ToList();
        Assert.All(gainsBiases, n => Assert.True(n.EndsWith("gain") || n.EndsWith("bias"), n));
        Assert.Contains("stages.1.1.skipinit_gain", gainsBiases);
        Assert.Contains("head.fc.bias", gainsBiases);
        Assert.Equal(0.0, groups[0].Options.weight_decay);
        Assert.Equal(0.01, groups[0].Options.clipping);

        Assert.Equal(new[] { "head.fc.weight" }, groups[1].Parameters.Select(p => named[p.Handle]));
        Assert.Equal(2e-5, groups[1].Options.weight_decay);
        Assert.Equal(0.0, groups[1].Options.clipping);

        var weights = groups[2].Parameters.Select(p => named[p.Handle]).ToList();
        Assert.All(weights, n => Assert.EndsWith("weight", n));
        Assert.Contains("stages.0.0.attn_last.fc1.weight", weights);
        Assert.Equal(2e-5, groups[2].Options.weight_decay);
        Assert.Equal(0.01, groups[2].Options.clipping);
        Assert.Equal(named.Count, gainsBiases.Count + 1 + weights.Count);
        Assert.All(groups, g => Assert.True(g.Options.nesterov));
    }

    [Fact]
    public void Optimizer_state_round_trips_through_a_stream()
    {
        manual_seed(41);
        using var a = new TinyNfnet(dropPathRate: 0.0, headDropRate: 0.0);
        using var b = new TinyNfnet(dropPathRate: 0.0, headDropRate: 0.0);
        using var x = randn(2, 3, 12, 12);
        using var optA = AgcSgd.ForNfnet(a, lr: 0.05);

        void TrainStep(TinyNfnet net, AgcSgd opt)
        {
            opt.zero_grad();
            using var scope = NewDisposeScope();
            net.call(x).square().mean().backward();
            opt.step();
        }

        a.train();
        TrainStep(a, optA);
        TrainStep(a, optA);

        // Module.save closes its stream, so keep the bytes rather than the stream.
        var modelStream = new MemoryStream();
        a.save(modelStream);
        using var modelBytes = new MemoryStream(modelStream.ToArray());
        using var optimizerBytes = new MemoryStream();
        using (var writer = new BinaryWriter(optimizerBytes, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optA.save_state_dict(writer);
        }
        optimizerBytes.Position = 0;

        b.load(modelBytes);
        using var optB = AgcSgd.ForNfnet(b, lr: 0.05);
        optB.load_state_dict(new BinaryReader(optimizerBytes));

        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        Assert.All(pa.Zip(pb), pair => TensorAssert.Identical(optA.MomentumBuffer(pair.First)!, optB.MomentumBuffer(pair.Second)!));

        b.train();
        TrainStep(a, optA);
        TrainStep(b, optB);
        Assert.All(pa.Zip(pb), pair => TensorAssert.Identical(pair.First, pair.Second));
    }
}
