using Xunit;

namespace Nfnet.Dsl.Tests.Lowering;

/// <summary>
/// F0 counted by hand from the architecture description (nfnet-architecture.md §3): every WSConv has a weight
/// (out · in/groups · k²), a bias and a gain per output channel; every block has an SE (two linears with biases)
/// and one scalar skip gain; the classifier has a bias. Nothing here reads the plan's own counts.
/// </summary>
public class F0HandCountTests
{
    private static long Conv(long inCh, long outCh, long kernel, long groups = 1) => outCh * (inCh / groups) * kernel * kernel + 2 * outCh;

    private static long Linear(long inCh, long outCh) => inCh * outCh + outCh;

    /// <summary>conv0 1×1, conv1 and conv1b 3×3 grouped, conv2 1×1, SE out→out/2→out, skip gain, optional 1×1 shortcut.</summary>
    private static long Block(long inCh, long outCh, bool shortcut)
    {
        var mid = outCh / 2 / 128 * 128;
        var groups = mid / 128;
        return Conv(inCh, mid, 1) + Conv(mid, mid, 3, groups) + Conv(mid, mid, 3, groups) + Conv(mid, outCh, 1)
            + Linear(outCh, outCh / 2) + Linear(outCh / 2, outCh)
            + 1
            + (shortcut ? Conv(inCh, outCh, 1) : 0);
    }

    private static long F0ByHand()
    {
        var stem = Conv(3, 16, 3) + Conv(16, 32, 3) + Conv(32, 64, 3) + Conv(64, 128, 3);
        var stage0 = Block(128, 256, shortcut: true);
        var stage1 = Block(256, 512, shortcut: true) + Block(512, 512, false);
        var stage2 = Block(512, 1536, shortcut: true) + 5 * Block(1536, 1536, false);
        var stage3 = Block(1536, 1536, shortcut: true) + 2 * Block(1536, 1536, false);
        var finalConv = Conv(1536, 3072, 1);
        var head = Linear(3072, 1000);
        return stem + stage0 + stage1 + stage2 + stage3 + finalConv + head;
    }

    [Fact]
    public void HandCountEqualsTheCheckpointsCount()
    {
        // Guards the hand count itself against the figure DeepMind's checkpoint gives.
        Assert.Equal(71_489_284, F0ByHand());
    }

    [Fact]
    public void CompilerCountEqualsTheHandCount()
    {
        Assert.Equal(F0ByHand(), Specs.ShippedPlan("F0").ParameterCount);
    }

    [Fact]
    public void F0MacsByHandEqualTheCompilersCount()
    {
        // count_conv_flops: out · (out_h·out_w) · in/groups · k², at 256 px. Stem: 128², 128², 128², then 64².
        long ConvMacs(long inCh, long outCh, long kernel, long size, long groups = 1) => outCh * size * size * (inCh / groups) * kernel * kernel;
        long BlockMacs(long inCh, long outCh, long size, long stride, bool shortcut)
        {
            var mid = outCh / 2 / 128 * 128;
            var groups = mid / 128;
            var outSize = size / stride;
            return ConvMacs(inCh, mid, 1, size) + ConvMacs(mid, mid, 3, outSize, groups) + ConvMacs(mid, mid, 3, outSize, groups)
                + ConvMacs(mid, outCh, 1, outSize) + (shortcut ? ConvMacs(inCh, outCh, 1, outSize) : 0)
                + 2 * (outCh / 2) * outCh;
        }

        var total = ConvMacs(3, 16, 3, 128) + ConvMacs(16, 32, 3, 128) + ConvMacs(32, 64, 3, 128) + ConvMacs(64, 128, 3, 64)
            + BlockMacs(128, 256, 64, 1, true)
            + BlockMacs(256, 512, 64, 2, true) + BlockMacs(512, 512, 32, 1, false)
            + BlockMacs(512, 1536, 32, 2, true) + 5 * BlockMacs(1536, 1536, 16, 1, false)
            + BlockMacs(1536, 1536, 16, 2, true) + 2 * BlockMacs(1536, 1536, 8, 1, false)
            + ConvMacs(1536, 3072, 1, 8) + 3072L * 1000;

        Assert.Equal(12.38, System.Math.Round(total / 1e9, 2));
        Assert.Equal(total, Specs.ShippedPlan("F0").MacsAtTestSize);
    }
}
