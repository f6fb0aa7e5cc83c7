using System;
using System.Diagnostics;
using System.Globalization;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// How long a fuzz test runs: a fixed number of iterations and a time cap, small by default so CI stays fast.
/// NFNET_FUZZ_ITERATIONS and/or NFNET_FUZZ_SECONDS lengthen a local run; setting one lifts the default of the other.
/// </summary>
internal sealed class FuzzBudget
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private FuzzBudget(long iterations, TimeSpan time)
    {
        Iterations = iterations;
        Time = time;
    }

    public long Iterations { get; }

    public TimeSpan Time { get; }

    /// <summary>This test's share of the whole budget: the defaults, or the environment's numbers, divided by <paramref name="shares"/>.</summary>
    public static FuzzBudget Share(long defaultIterations, double defaultSeconds, int shares)
    {
        var iterations = Read("NFNET_FUZZ_ITERATIONS");
        var seconds = Read("NFNET_FUZZ_SECONDS");
        if (iterations is null && seconds is null)
            (iterations, seconds) = (defaultIterations, defaultSeconds);
        return new FuzzBudget(
            iterations is { } i ? Math.Max(1, (long)i / shares) : long.MaxValue,
            seconds is { } s ? TimeSpan.FromSeconds(s / shares) : TimeSpan.MaxValue);
    }

    /// <summary>True while iteration <paramref name="done"/> may still run.</summary>
    public bool Allows(long done) => done < Iterations && _watch.Elapsed < Time;

    public TimeSpan Elapsed => _watch.Elapsed;

    private static double? Read(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
