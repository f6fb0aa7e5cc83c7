using TorchSharp;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class WeightCacheTests
{
    [Fact]
    public void Eval_inference_reuses_the_standardized_weight_until_a_parameter_changes()
    {
        manual_seed(31);
        using var conv = new ScaledStdConv2d(3, 4, 3);
        using var x = randn(1, 3, 6, 6);
        conv.eval();
        using var _ = no_grad();

        using var first = conv.call(x);
        Assert.True(conv.HasCachedWeight);
        using var second = conv.call(x);
        Assert.True(conv.HasCachedWeight);
        TensorAssert.Identical(first, second);

        // Reaching the parameter through the module drops the cache, so the edit is seen.
        conv.gain.mul_(2.0);
        Assert.False(conv.HasCachedWeight);
        using var doubled = conv.call(x);
        using var expected = (first - conv.bias.view(1, -1, 1, 1)) * 2.0 + conv.bias.view(1, -1, 1, 1);
        TensorAssert.Close(expected, doubled, 1e-5);

        conv.train();
        Assert.False(conv.HasCachedWeight);
        using var training = conv.call(x);
        Assert.False(conv.HasCachedWeight);
    }

    [Fact]
    public void Loading_a_state_dict_invalidates_the_cache()
    {
        manual_seed(32);
        using var source = new ScaledStdConv2d(2, 2, 1);
        using var target = new ScaledStdConv2d(2, 2, 1);
        using var x = randn(1, 2, 3, 3);
        target.eval();
        using var _ = no_grad();
        using var before = target.call(x);
        Assert.True(target.HasCachedWeight);

        target.load_state_dict(source.state_dict());
        source.eval();
        using var loaded = target.call(x);
        using var reference = source.call(x);
        TensorAssert.Identical(loaded, reference);
    }

    [Fact]
    public void The_cache_is_not_used_when_gradients_are_wanted()
    {
        manual_seed(33);
        using var conv = new ScaledStdConv2d(2, 2, 3);
        conv.eval();
        using var x = randn(1, 2, 4, 4);
        using var y = conv.call(x);
        Assert.False(conv.HasCachedWeight);
        using var loss = y.sum();
        loss.backward();
        Assert.NotNull(conv.weight.grad);
        Assert.True(conv.gain.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Moving_the_module_replaces_the_parameters_and_so_the_cache()
    {
        manual_seed(34);
        using var conv = new ScaledStdConv2d(2, 2, 1);
        conv.eval();
        using var _ = no_grad();
        using var x = randn(1, 2, 2, 2);
        using var y32 = conv.call(x);
        conv.to(ScalarType.Float64);
        Assert.False(conv.HasCachedWeight);
        using var y64 = conv.call(x.to(ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y64.dtype);
        TensorAssert.Close(y32, y64, 1e-5);
        Assert.Equal(new[] { "bias", "gain", "weight" }, conv.state_dict().Keys.Order());
    }
}
