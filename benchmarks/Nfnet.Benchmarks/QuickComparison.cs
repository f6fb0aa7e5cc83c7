using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace Nfnet.Benchmarks;

/// <summary>
/// `-- quick`: a few seconds of side-by-side timing without BenchmarkDotNet's statistics, for a fast answer
/// to "what does weight standardization cost?". Plain and WS runs alternate, so background load on a shared
/// machine hits both alike; the median of each is reported.
/// </summary>
internal static class QuickComparison
{
    private const int Warmup = 2;
    private const int Runs = 15;

    public static void Run()
    {
        Console.WriteLine($"TorchSharp CPU, {get_num_threads()} threads; median of {Runs} interleaved runs after {Warmup} warm-up runs.");
        foreach (long batch in new long[] { 8, 1 })
        {
            using var pair = new ConvPair(batch, 256, 24);
            Console.WriteLine();
            Console.WriteLine($"Input {pair.Shape}");

            var (plainTrain, wsTrain) = SideBySide(
                () => ConvPair.TrainStep(pair.Plain, pair.Input),
                () => ConvPair.TrainStep(pair.Ws, pair.Input));
            Report("train fwd+bwd", plainTrain, wsTrain);

            pair.Plain.eval();
            pair.Ws.eval();
            var (plainEval, wsCached) = SideBySide(
                () => ConvPair.EvalForward(pair.Plain, pair.Input),
                () => ConvPair.EvalForward(pair.Ws, pair.Input));
            Report("eval fwd, WS cached", plainEval, wsCached);

            // The same forward recomputing the standardization on every call: what the cache saves.
            var (plainAgain, wsUncached) = SideBySide(
                () => ConvPair.EvalForward(pair.Plain, pair.Input),
                () =>
                {
                    pair.Ws.InvalidateWeightCache();
                    ConvPair.EvalForward(pair.Ws, pair.Input);
                });
            Report("eval fwd, WS uncached", plainAgain, wsUncached);
        }
    }

    private static void Report(string what, double plainMs, double wsMs) =>
        Console.WriteLine($"  {what,-22} plain {plainMs,8:F2} ms   WS {wsMs,8:F2} ms   WS/plain {wsMs / plainMs,5:F3}");

    internal static (double First, double Second) SideBySide(Action first, Action second)
    {
        for (int i = 0; i < Warmup; i++)
        {
            first();
            second();
        }
        var a = new double[Runs];
        var b = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            a[i] = Time(first);
            b[i] = Time(second);
        }
        return (Median(a), Median(b));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] times)
    {
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
