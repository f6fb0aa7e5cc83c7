using System;
using System.CommandLine;
using System.IO;
using Nfnet.Benchmarking;
using Nfnet.Training.Weights;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet bench [VARIANT]`: where a training step's and an eval forward's time goes, beside the network's convolutions
/// alone, the machine's convolution ceiling and (with --peer) a PyTorch peer. See docs/performance.md.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var variant = new Argument<string>("variant") { Description = "Variant to benchmark (built-in, or one of --spec).", DefaultValueFactory = _ => "F0" };
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant." };
        var batch = new Option<int>("--batch") { Description = "Images per training step.", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var imageSize = new Option<int>("--image-size") { Description = "Training image size.", DefaultValueFactory = _ => 128 }.AtLeast(32, "the network's total stride");
        var evalBatch = new Option<int>("--eval-batch") { Description = "Images per eval forward.", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var evalSize = new Option<int>("--eval-size") { Description = "Eval image size.", DefaultValueFactory = _ => 192 }.AtLeast(32, "the network's total stride");
        var threads = new Option<int>("--threads") { Description = "libtorch threads (ours and the peer's).", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds per phase (medians are reported).", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured rounds first.", DefaultValueFactory = _ => 1 }.AtLeast(0);
        var numerics = NumericsOption.Create("the variant's own");
        var channelsLast = new Option<bool>("--channels-last") { Description = "Also time the eval forward with a channels-last (NHWC) input." };
        var peer = new Option<string?>("--peer") { Description = "A PyTorch peer script to run side by side (benchmarks/timm-peer/nfnet_peer.py)." };
        var python = new Option<string>("--python") { Description = "The Python that runs --peer.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var seed = new Option<long>("--seed") { Description = "Seeds weights and inputs.", DefaultValueFactory = _ => 0 };
        var regularization = new Option<bool>("--regularization")
        {
            Description = "Train with the variant's dropout and stochastic depth (default: neither, like the peer and timm's models unless asked).",
        };
        var command = new Command("bench", "Time a training step (forward, backward, optimizer) and an eval forward, beside the convolutions alone, the conv ceiling and an optional PyTorch peer.")
        {
            variant, spec, batch, imageSize, evalBatch, evalSize, threads, rounds, warmup, numerics, channelsLast, peer, python, seed, regularization,
        };
        command.SetAction(parse => Run(context, new BenchSettings(
            parse.GetValue(variant)!, parse.GetValue(spec), parse.GetValue(batch), parse.GetValue(imageSize), parse.GetValue(evalBatch),
            parse.GetValue(evalSize), parse.GetValue(threads), parse.GetValue(rounds), parse.GetValue(warmup), null,
            parse.GetValue(channelsLast), parse.GetValue(peer), parse.GetValue(python)!, parse.GetValue(seed), parse.GetValue(regularization)), parse.GetValue(numerics)));
        return command;
    }

    private static int Run(CliContext context, BenchSettings settings, string? numerics)
    {
        try
        {
            settings.Validate();
            var plan = VariantArgument.FindPlan(context, settings.Variant, Resolve(context, settings.SpecPath));
            if (plan is null)
                return ExitCodes.Usage;
            var profile = numerics is null ? null : WeightsMetadata.ParseProfile(numerics, "--numerics");
            var resolved = settings with
            {
                Variant = plan.Name,
                SpecPath = Resolve(context, settings.SpecPath),
                Numerics = profile,
                PeerScript = Resolve(context, settings.PeerScript),
            };
            var report = BenchRunner.Run(resolved, context.Error);
            context.Out.WriteLine();
            report.WriteText(context.Out);
            return ExitCodes.Success;
        }
        catch (PeerFailedException e)
        {
            context.Error.WriteLine($"nfnet bench: {e.Message}");
            return ExitCodes.SpecErrors;
        }
        catch (Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "bench", e);
        }
    }

    private static string? Resolve(CliContext context, string? path) =>
        path is null ? null : Path.GetFullPath(Path.Combine(context.WorkingDirectory, path));
}
