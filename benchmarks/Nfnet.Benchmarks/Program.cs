using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Nfnet.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            // `quick 1` pins libtorch to one thread: on a busy machine OpenMP's spinning threads make
            // multi-threaded timings swing by an order of magnitude, single-threaded ones much less.
            if (args.Length > 1) TorchSharp.torch.set_num_threads(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            QuickComparison.Run();
            return 0;
        }

        if (args.Length > 0 && args[0] == "ws-check")
        {
            // `ws-check`: what DeepMind's clamp check costs beside the standardization it guards.
            WsCheckComparison.Run();
            return 0;
        }

        if (args.Length > 0 && args[0] == "onnx")
        {
            // `onnx [VARIANT] [ROUNDS]`: TorchSharp against ONNX Runtime on an exported copy of the same weights.
            OnnxComparison.Run(args.Length > 1 ? args[1] : "F0", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return 0;
        }

        // In-process: spares BenchmarkDotNet generating and building a second project (another ~524 MB of
        // natives to copy, and another libLibTorchSharp.so to patch); this process already loads ours.
        // Reports go under bin/ (git-ignored) rather than the current directory.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
