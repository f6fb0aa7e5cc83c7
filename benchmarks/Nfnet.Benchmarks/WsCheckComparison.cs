using System;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Benchmarks;

/// <summary>
/// `-- ws-check`: DeepMind's epsilon clamps fan_in·var at 1e-4, so the fused batch_norm standardization must know
/// whether the clamp binds. It reads that from batch_norm's own variances; this times the separate two-pass check that
/// did it before beside the standardization with each epsilon (timm's needs no check), on F0's largest weight shapes,
/// interleaved so background load hits every variant alike.
/// </summary>
internal static class WsCheckComparison
{
    private const int Calls = 20;

    // F0: a stage-3 grouped 3×3 (1536 wide, group width 128), conv3 of stage 3 and conv1 of stage 3.
    private static readonly long[][] Shapes = { new long[] { 1536, 128, 3, 3 }, new long[] { 1536, 768, 1, 1 }, new long[] { 768, 1536, 1, 1 } };

    public static void Run()
    {
        Console.WriteLine($"TorchSharp CPU, {get_num_threads()} threads; ms per call, median of interleaved runs of {Calls} calls.");
        foreach (var shape in Shapes)
        {
            using var weight = randn(shape);
            using var gain = ones(shape[0], 1, 1, 1);
            var (timm, deepMind) = QuickComparison.SideBySide(
                () => Repeat(() => WeightStandardization.Standardize(weight, gain, WsEpsilonMode.Timm).Dispose()),
                () => Repeat(() => WeightStandardization.Standardize(weight, gain, WsEpsilonMode.DeepMind).Dispose()));
            var (twoPass, _) = QuickComparison.SideBySide(() => Repeat(() => TwoPassCheck(weight)), () => { });
            Console.WriteLine($"  [{string.Join(", ", shape)}]  standardize: timm eps {timm / Calls:F3}, deepmind eps {deepMind / Calls:F3};  "
                + $"a separate two-pass clamp check {twoPass / Calls:F3}");
        }
    }

    private static void Repeat(Action action)
    {
        for (int i = 0; i < Calls; i++) action();
    }

    private static bool TwoPassCheck(Tensor weight)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long outChannels = weight.shape[0];
        long fanIn = weight.numel() / outChannels;
        var flat = weight.reshape(outChannels, fanIn);
        var centered = flat.sub(flat.mean(new long[] { 1 }, keepdim: true));
        return centered.square().mean(new long[] { 1 }).min().mul(fanIn).lt(WeightStandardization.DeepMindEpsilon).item<bool>();
    }
}
