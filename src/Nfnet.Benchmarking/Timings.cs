using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Nfnet.Benchmarking;

/// <summary>Median and range of one phase's times over the measured rounds, in milliseconds.</summary>
public sealed record PhaseStats(double MedianMs, double MinMs, double MaxMs, int Rounds)
{
    /// <summary>Statistics of <paramref name="times"/> (at least one).</summary>
    public static PhaseStats Of(IReadOnlyCollection<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0) throw new ArgumentException("No times.", nameof(times));
        var sorted = times.OrderBy(t => t).ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new PhaseStats(median, sorted[0], sorted[^1], n);
    }
}

/// <summary>Wall-clock timing of synchronous work (CPU libtorch runs kernels on the calling thread's pool).</summary>
internal static class Clock
{
    public static double Milliseconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}

/// <summary>Times collected per phase name over rounds.</summary>
internal sealed class PhaseLog
{
    private readonly Dictionary<string, List<double>> _times = new(StringComparer.Ordinal);

    public void Add(string phase, double milliseconds)
    {
        if (!_times.TryGetValue(phase, out var list)) _times[phase] = list = new List<double>();
        list.Add(milliseconds);
    }

    public PhaseStats? Stats(string phase) => _times.TryGetValue(phase, out var list) && list.Count > 0 ? PhaseStats.Of(list) : null;

    public PhaseStats Require(string phase) => Stats(phase) ?? throw new InvalidOperationException($"No times for '{phase}'.");
}
