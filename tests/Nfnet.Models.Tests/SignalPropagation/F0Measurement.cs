using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests.SignalPropagation;

/// <summary>
/// One SPP measurement of F0 at initialization with every skip gain 1, shared by the tests of a class: N(0, 1)
/// images of 4×3×256×256 (the test resolution; at 64 px stage 3 is 2×2 and borders would dominate every conv).
/// Measured here with plain tensor ops, independently of the CLI's helper.
/// </summary>
public sealed class F0Measurement
{
    public const int Seed = 0;
    public const int Batch = 4;
    public const int ImageSize = 256;
    public const double Alpha = 0.2;

    /// <summary>F0's blocks: (stage, index in stage); first block of stage s has stride [1, 2, 2, 2][s] and a projection.</summary>
    public static readonly (int Stage, int Index)[] Blocks =
        new[] { 1, 2, 6, 3 }.SelectMany((depth, stage) => Enumerable.Range(0, depth).Select(i => (stage, i))).ToArray();

    /// <summary>DeepMind's published F0 β list (nfnet-architecture.md §3.3), i.e. 1/sqrt(1 + k·α²).</summary>
    public static readonly double[] Betas =
    {
        1.0, 0.98058068, 0.98058068, 0.96225045, 0.98058068, 0.96225045, 0.94491118, 0.92847669, 0.91287093, 0.89802651, 0.98058068, 0.96225045,
    };

    public F0Measurement()
    {
        manual_seed(Seed);
        using var model = new NfnetF0();
        var blocks = model.named_modules().Where(m => m.module is NormFreeBlock).Select(m => (NormFreeBlock)m.module).ToList();
        var stem = (NfStem)model.named_modules().Single(m => m.name == "stem").module;
        ModelBetas = blocks.Select(b => b.Beta).ToArray();
        GeneratedModel.SetSkipGains(model, 1.0);
        model.eval();

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var stream = stem.call(randn(Batch, 3, ImageSize, ImageSize));
        Sizes.Add((int)stream.shape[2]);
        Variance.Add(ChannelVariance(stream));
        foreach (var block in blocks)
        {
            var next = block.call(stream);
            BranchVariance.Add(next.shape.SequenceEqual(stream.shape) ? ChannelVariance(next - stream) / (Alpha * Alpha) : double.NaN);
            stream = next;
            Sizes.Add((int)stream.shape[2]);
            Variance.Add(ChannelVariance(stream));
        }
    }

    /// <summary>Average channel variance after the stem (0) and after each block (1..12).</summary>
    public List<double> Variance { get; } = new();

    /// <summary>Var(out − in)/α² for each block; NaN where the shortcut is a projection.</summary>
    public List<double> BranchVariance { get; } = new();

    /// <summary>Spatial size after the stem (0) and after each block.</summary>
    public List<int> Sizes { get; } = new();

    public double[] ModelBetas { get; }

    private static double ChannelVariance(Tensor x)
    {
        // Per channel over batch, height and width: E[x²] − E[x]², in float64.
        var d = x.to(ScalarType.Float64);
        var dims = new long[] { 0, 2, 3 };
        return (d.square().mean(dims) - d.mean(dims).square()).mean().item<double>();
    }
}
