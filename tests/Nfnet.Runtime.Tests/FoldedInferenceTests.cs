using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

/// <summary>
/// At inference (eval, no gradients) the blocks and the stem reuse cached standardized weights with γ and β folded in;
/// that must be the function they compute without the cache (eval with gradients enabled standardizes every call).
/// NormFreeBlockTests checks that function against the formula written out by hand.
/// </summary>
public class FoldedInferenceTests
{
    public static TheoryData<bool> Families() => new() { true, false };

    [Theory]
    [MemberData(nameof(Families))]
    public void A_block_computes_the_same_from_its_cached_weights(bool nfnet)
    {
        manual_seed(31);
        var config = nfnet
            ? NfConfig.DeepMind
            : new NfConfig("silu", NfNumerics.Timm with { Padding = ConvPadding.Symmetric }, GammaPlacement.Conv, ExtraConv: false, ShortcutKind.StridedConv, ZeroInit.Conv3Gain);
        var attention = nfnet ? BlockAttention.Se(4) : BlockAttention.Eca(3, AttentionPlace.Mid);
        using var block = new NormFreeBlock(6, 8, 8, groups: 2, stride: 2, beta: 0.9, alpha: 0.2, dropPathRate: 0.1, attention, config);
        block.to(ScalarType.Float64);
        using (no_grad())
        {
            block.SetZeroInitGain(0.7);
            foreach (var (_, p) in block.named_parameters()) p.add_(randn_like(p).mul(0.1));
        }
        block.eval();
        using var x = randn(new long[] { 2, 6, 7, 7 }, dtype: ScalarType.Float64);

        using var unfolded = block.call(x);            // gradients enabled: no cache
        Tensor folded;
        using (no_grad()) folded = block.call(x);

        TensorAssert.Close(unfolded, folded, 1e-12);
        folded.Dispose();
    }

    [Fact]
    public void The_deep_stem_computes_the_same_from_its_cached_weights()
    {
        manual_seed(32);
        using var stem = new NfStem(3, new long[] { 4, 8, 8, 16 }, new long[] { 3, 3, 3, 3 }, new long[] { 2, 1, 1, 2 }, maxPool: false, NfConfig.DeepMind);
        stem.to(ScalarType.Float64);
        stem.eval();
        using var x = randn(new long[] { 1, 3, 17, 17 }, dtype: ScalarType.Float64);

        using var unfolded = stem.call(x);
        Tensor folded;
        using (no_grad()) folded = stem.call(x);

        TensorAssert.Close(unfolded, folded, 1e-12);
        folded.Dispose();
    }
}
