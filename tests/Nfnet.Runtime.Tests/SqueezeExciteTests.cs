using TorchSharp;
using System;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class SqueezeExciteTests
{
    [Fact]
    public void The_gate_matches_a_hand_computation()
    {
        using var se = new SqueezeExcite(2, 1);
        se.to(ScalarType.Float64);
        using (no_grad())
        {
            se.Fc1.weight.copy_(tensor(new double[] { 1, 1 }, new long[] { 1, 2, 1, 1 }, ScalarType.Float64));
            se.Fc1.bias!.zero_();
            se.Fc2.weight.copy_(tensor(new double[] { 1, -1 }, new long[] { 2, 1, 1, 1 }, ScalarType.Float64));
            se.Fc2.bias!.copy_(tensor(new double[] { 0, 0.5 }, ScalarType.Float64));
        }
        // Channel means 2.5 and 0.5 → hidden relu(2.5 + 0.5) = 3 → gate sigmoid([3, -3 + 0.5]).
        using var x = tensor(new double[] { 1, 2, 3, 4, 0.5, 0.5, 0.5, 0.5 }, new long[] { 1, 2, 2, 2 }, ScalarType.Float64);
        using var gate = se.call(x);
        Assert.Equal(new long[] { 1, 2, 1, 1 }, gate.shape);
        TensorAssert.Close(new[] { 1 / (1 + Math.Exp(-3.0)), 1 / (1 + Math.Exp(2.5)) }, gate, 1e-12); // 0.952574, 0.075858
    }

    [Fact]
    public void Keys_are_timms()
    {
        using var se = new SqueezeExcite(8, 4);
        var keys = se.state_dict().Keys;
        Assert.Equal(new[] { "fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight" }, System.Linq.Enumerable.Order(keys));
        Assert.Equal(new long[] { 4, 8, 1, 1 }, se.state_dict()["fc1.weight"].shape);
    }
}
