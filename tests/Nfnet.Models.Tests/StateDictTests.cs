using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

public class StateDictTests
{
    [Fact]
    public void F0_has_timm_dm_nfnet_f0_keys_and_shapes()
    {
        var expected = ExpectedArchitecture.StateDict(ExpectedArchitecture.F0);
        // The published totals (nfnet-architecture.md §9.5) pin the expectation itself.
        Assert.Equal(233, expected.Count);
        Assert.Equal(71_489_284, ExpectedArchitecture.ParameterCount(expected));

        using var model = new NfnetF0(device: META);
        var actual = model.state_dict();
        // TorchSharp orders state_dict differently from PyTorch (parameters first, then buffers), so compare as sets.
        var missing = expected.Select(t => t.Name).Where(n => !actual.ContainsKey(n)).ToList();
        var unexpected = actual.Keys.Where(k => expected.All(t => t.Name != k)).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)}");
        foreach (var (name, shape) in expected)
            Assert.True(shape.SequenceEqual(actual[name].shape), $"{name}: expected [{string.Join(",", shape)}], got [{string.Join(",", actual[name].shape)}]");
    }

    [Fact]
    public void State_dict_holds_only_trainable_parameters()
    {
        // No buffers: every entry is a parameter, so a state_dict round trip is a full checkpoint of the weights.
        using var model = new NfnetF0(device: META);
        var parameterNames = model.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Equal(233, parameterNames.Count);
        Assert.All(model.state_dict().Keys, k => Assert.Contains(k, parameterNames));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }
}
