using System.Linq;
using Nfnet.Training.Models;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// Small networks made of every part of the architecture language, with random weights, exported and run in ONNX Runtime:
/// the logits match the TorchSharp eval forward (PlanModel) within 1e-4. Sizes are odd where that matters (TF-SAME pads
/// differ on odd and even sizes; only odd sizes have partial average-pool windows).
/// </summary>
public class FamilyExportTests
{
    /// <summary>Each variant varies the parts the timm fixtures (TimmFixtureExportTests) do not reach.</summary>
    public const string Families = """
        variants:
          # DeepMind's NFNet-F parts and numerics (clamped WS epsilon, tanh GELU, TF-SAME): explicit stem, conv2b, SE last, skipinit.
          deepmind_f: { width: [16, 32, 48, 48], depth: [1, 2, 1, 1], groupWidth: 8, stem: [8, 8, 16], trainImageSize: 45, numClasses: 7 }
          # DeepMind's NF-ResNet parts: 7×7 stem with a TF-SAME max-pool, dense bottlenecks, strided-conv shortcuts, no final conv.
          strided_shortcut: { width: [16, 32, 64], depth: [1, 1, 2], stemType: 7x7, stemWidth: 16, stemPool: true, extraConv: false, groupWidth: 0, expansion: 0.25, attention: none, activation: relu, shortcut: conv, finalConvWidth: 0, trainImageSize: 45, numClasses: 5 }
          # The same with symmetric padding (its max-pool pads 1) and γ in the convs.
          strided_symmetric: { base: strided_shortcut, gammaPlacement: conv, zeroInit: conv3Gain, numerics: { padding: symmetric, wsEpsilon: timm } }
          # RegNet blocks with SE between the 3×3 convs and conv3, a GELU (erf) inside SE, timm rounding, deep stem.
          regnet_se_mid: { block: regnet, stemType: deep, stemWidth: 16, width: [16, 24, 40], depth: [1, 2, 1], groupWidth: 8, firstBlockExpansion: 1, expansion: 2, attention: se, seRatio: 0.25, seActivation: gelu, activation: silu, gammaPlacement: conv, zeroInit: conv3Gain, rounding: timm, extraConv: false, trainImageSize: 37, numerics: { gelu: erf, padding: symmetric }, numClasses: 6 }
          # ECA before conv3 on a bottleneck, tiered stem, attention gain 1.5, a fixed ECA kernel.
          eca_mid: { stemType: deep_tiered, stemWidth: 16, width: [16, 32, 32], depth: [1, 1, 2], groupWidth: 8, attention: eca, attentionPlace: mid, ecaKernel: 5, attentionGain: 1.5, activation: elu, trainImageSize: 39, numClasses: 4 }
          # SE after conv3 in a RegNet block, 3×3 stem, no attention in the last stage, alpha 0.4.
          regnet_se_last: { block: regnet, stemType: 3x3, stemWidth: 16, width: [16, 24, 24], depth: [1, 1, 1], groupWidth: 8, attention: [se, se, none], attentionPlace: last, alpha: 0.4, activation: leaky_relu, trainImageSize: 33, numClasses: 3 }
          # deep_quad stem with a pool and stage strides it implies, at an even size.
          quad_pool: { stemType: deep_quad, stemWidth: 32, stemPool: true, width: [16, 32], depth: [1, 1], groupWidth: 8, activation: gelu, trainImageSize: 64, numClasses: 4 }
        """;

    public static TheoryData<string> Variants() => new(Reference.Compile(Families).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_network_of_these_parts_matches_the_TorchSharp_forward(string variant)
    {
        var plan = Reference.Compile(Families).Single(p => p.Name == variant);
        using var model = new PlanModel(plan);
        RandomWeights.Randomize(model, seed: 11);
        using var dir = new TempDirectory();
        Reference.AssertMatches(variant, Reference.Compare(model, plan, plan.TrainImageSize, dir.Path));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    [InlineData(35)]
    public void The_deepmind_network_matches_at_even_and_odd_sizes(int size)
    {
        var plan = Reference.Compile(Families).Single(p => p.Name == "deepmind_f");
        using var model = new PlanModel(plan);
        RandomWeights.Randomize(model, seed: 5);
        using var dir = new TempDirectory();
        Reference.AssertMatches($"deepmind_f at {size}", Reference.Compare(model, plan, size, dir.Path));
    }
}
