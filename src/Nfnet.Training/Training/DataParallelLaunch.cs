using System;
using System.Globalization;
using Nfnet.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Training.Training;

/// <summary>
/// Joining a data-parallel run from a launcher's environment: the rank's device (one GPU per rank), its share of the
/// CPU cores, and the lines `nfnet train` prints about it.
/// </summary>
public static class DataParallelLaunch
{
    /// <summary>Environment variable giving each rank's libtorch thread count explicitly.</summary>
    public const string ThreadsVariable = "NFNET_THREADS";

    /// <summary>
    /// Sets this rank's libtorch threads (NFNET_THREADS when set, else the node's cores shared by its ranks) and joins
    /// the run on the device <paramref name="deviceOption"/> names for this rank. The count is set through libtorch,
    /// not OMP_NUM_THREADS: with OMP_NUM_THREADS in the environment, F0 steps ran 1.6–2.9× slower on the
    /// project's machine at the same thread count.
    /// </summary>
    public static DataParallel Join(LaunchEnvironment launch, string deviceOption)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        int threads;
        if (string.IsNullOrEmpty(text)) threads = launch.ThreadsPerRank(Environment.ProcessorCount);
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out threads) || threads < 1)
            throw new ArgumentException($"{ThreadsVariable}='{text}': expected a whole number of threads, at least 1");
        set_num_threads(threads);
        return DataParallel.Start(DeviceFor(deviceOption, launch.LocalRank ?? launch.Rank ?? 0));
    }

    /// <summary>The device of this rank: --device cuda means cuda:(local rank), so each rank of a node takes its own GPU.</summary>
    public static Device DeviceOf(string deviceOption, DataParallel parallel)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        var launch = LaunchEnvironment.FromProcess();
        return DeviceFor(deviceOption, launch?.LocalRank ?? parallel.Rank);
    }

    private static Device DeviceFor(string deviceOption, int localRank)
    {
        var device = Devices.Parse(deviceOption);
        if (device.type != DeviceType.CUDA || device.index >= 0) return device;
        int count = (int)cuda.device_count();
        return new Device(DeviceType.CUDA, localRank % Math.Max(1, count));
    }

    /// <summary>E.g. "data-parallel over 2 ranks (MPI), 1 thread each" (for CUDA: "..., one GPU each").</summary>
    public static string Describe(DataParallel parallel, Device device)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        ArgumentNullException.ThrowIfNull(device);
        int threads = get_num_threads();
        var share = device.type == DeviceType.CUDA ? "one GPU each" : $"{threads} thread{(threads == 1 ? "" : "s")} each";
        return $"{parallel.Description}, {share}";
    }

    /// <summary>What the gradient all-reduce cost per step in this run (rank 0's view).</summary>
    public static string AllReduceSummary(DataParallel parallel)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        var g = parallel.Gradients;
        if (g.Steps == 0) return "data-parallel: no step was taken";
        double ms = g.Elapsed.TotalMilliseconds / g.Steps;
        return string.Create(CultureInfo.InvariantCulture,
            $"data-parallel: gradient all-reduce {ms:F1} ms per step on average ({g.BytesPerStep / 1e6:F1} MB in {g.CallsPerStep} calls per step, {g.Steps} steps, {parallel.Size} ranks)");
    }
}
