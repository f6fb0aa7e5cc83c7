using TorchSharp;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class CompositionTests
{
    private static IEnumerable<string> Conv(string prefix) => new[] { $"{prefix}.weight", $"{prefix}.bias", $"{prefix}.gain" };

    private static IEnumerable<string> Block(string prefix, bool downsample)
    {
        var keys = new List<string>();
        if (downsample) keys.AddRange(Conv($"{prefix}.downsample.conv"));
        foreach (var conv in new[] { "conv1", "conv2", "conv2b", "conv3" }) keys.AddRange(Conv($"{prefix}.{conv}"));
        keys.AddRange(new[] { $"{prefix}.attn_last.fc1.weight", $"{prefix}.attn_last.fc1.bias", $"{prefix}.attn_last.fc2.weight", $"{prefix}.attn_last.fc2.bias", $"{prefix}.skipinit_gain" });
        return keys;
    }

    [Fact]
    public void State_dict_keys_are_timms()
    {
        using var net = new TinyNfnet();
        var expected = Conv("stem.conv1").Concat(Conv("stem.conv2"))
            .Concat(Block("stages.0.0", downsample: true))
            .Concat(Block("stages.1.0", downsample: true))
            .Concat(Block("stages.1.1", downsample: false))
            .Concat(Conv("final_conv"))
            .Concat(new[] { "head.fc.weight", "head.fc.bias" })
            .OrderBy(k => k, System.StringComparer.Ordinal);

        var state = net.state_dict();
        Assert.Equal(expected, state.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Equal(state.Count, net.parameters().Count()); // no stray buffers

        Assert.Equal(new long[] { 4, 3, 3, 3 }, state["stem.conv1.weight"].shape);
        Assert.Equal(new long[] { 4, 1, 1, 1 }, state["stem.conv1.gain"].shape);
        Assert.Equal(new long[] { 16, 8, 1, 1 }, state["stages.0.0.downsample.conv.weight"].shape);
        Assert.Equal(new long[] { 16, 8, 3, 3 }, state["stages.1.0.conv2.weight"].shape); // mid 16, groups 2
        Assert.Equal(new long[] { 16, 32, 1, 1 }, state["stages.1.1.attn_last.fc1.weight"].shape);
        Assert.Equal(new long[] { 32, 16, 1, 1 }, state["stages.1.1.attn_last.fc2.weight"].shape);
        Assert.Empty(state["stages.1.1.skipinit_gain"].shape);
        Assert.Equal(new long[] { 5, 64 }, state["head.fc.weight"].shape);
    }

    [Fact]
    public void The_tiny_network_runs_forward_and_backward_with_the_expected_strides()
    {
        manual_seed(5);
        using var net = new TinyNfnet();
        using var x = randn(2, 3, 17, 17);
        using var logits = net.call(x);
        Assert.Equal(new long[] { 2, 5 }, logits.shape);
        using var loss = logits.square().mean();
        loss.backward();
        Assert.All(net.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Eval_and_train_reach_every_block()
    {
        using var net = new TinyNfnet();
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void Blocks_can_be_built_on_the_meta_device_to_count_parameters()
    {
        // An F0 stage-3 block (1536 → 1536, mid 768, 6 groups of 128, SE hidden 768), without allocating memory.
        using var block = new NormFreeBlock(1536, 1536, 768, 6, 1, 1.0, 0.2, 0.0, BlockAttention.Se(768), NfConfig.DeepMind, device: META);
        long expected =
            (768L * 1536 + 768 + 768)              // conv1: weight, bias, gain
            + 2 * (768L * 128 * 9 + 768 + 768)     // conv2, conv2b: grouped 3×3
            + (1536L * 768 + 1536 + 1536)          // conv3
            + (768L * 1536 + 768)                  // attn_last.fc1
            + (1536L * 768 + 1536)                 // attn_last.fc2
            + 1;                                   // skipinit_gain
        Assert.Equal(expected, block.parameters().Sum(p => p.numel()));
        Assert.All(block.parameters(), p => Assert.True(p.is_meta));
    }
}
