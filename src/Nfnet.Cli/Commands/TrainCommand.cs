using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Nfnet.Distributed;
using Nfnet.Runtime;
using Nfnet.Training.Checkpoints;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Reporting;
using Nfnet.Training.Training;
using Nfnet.Training.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet train`: trains a variant with the paper's recipe scaled to the run, on the built-in synthetic set or an
/// ImageFolder, writing metrics.csv, steps.csv, curves.png, checkpoint.safetensors and model.safetensors to --out.
/// </summary>
public static partial class TrainCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C after writing its checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run that could not start or failed (bad data, checkpoint of another run, ...).</summary>
    public const int Failed = 1;

    public static Command Create(CliContext context)
    {
        var variant = new Option<string>("--variant") { Description = "Variant to train (F0…F7, F0+…F7+, or one of --spec).", DefaultValueFactory = _ => "F0" };
        var spec = new Option<string?>("--spec") { Description = "Spec file defining --variant (built at run time instead of the built-in F/F+ spec)." };
        var data = new Option<string>("--data") { Description = "'synthetic' (built-in shapes, no download) or an ImageFolder path.", DefaultValueFactory = _ => DataSets.Synthetic };
        var imageSize = new Option<int>("--image-size") { Description = "Training and held-out image size in pixels.", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var batchSize = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var steps = new Option<long?>("--steps") { Description = "Total steps to train (overrides --epochs)." }.AtLeast(2, "one warmup step and one decay step");
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate (default: 0.1 × batch / 256, the paper's scaling)." }.Positive();
        var ema = new Option<double?>("--ema") { Description = "Keep an EMA of the weights with this decay (the paper: 0.99999) and evaluate it too." }.Within(0, 1);
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<long>("--seed") { Description = "Seed of initialization, data order, augmentation and dropout.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Run directory.", DefaultValueFactory = _ => "runs/train" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint." };
        var classes = new Option<int>("--classes") { Description = "Classes of the synthetic set (2–8).", DefaultValueFactory = _ => 4 }.Within(2, 8, lowIncluded: true, highIncluded: true);
        var trainImages = new Option<int>("--train-images") { Description = "Training images of the synthetic set.", DefaultValueFactory = _ => 160 }.AtLeast(1);
        var heldOutImages = new Option<int>("--held-out-images") { Description = "Held-out images of the synthetic set.", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var heldOutFraction = new Option<double>("--held-out") { Description = "Fraction of each ImageFolder class held out (without train/ and val/).", DefaultValueFactory = _ => 0.2 }.Within(0, 1);
        var init = new Option<string?>("--init") { Description = "Start from pretrained weights (safetensors or a PyTorch .pth/.bin state_dict, timm names); the classifier is re-initialized when its class count differs." };
        var freeze = new Option<string?>("--freeze") { Description = "Comma-separated parts not to train, e.g. 'stem,stages.0' (module paths or parameter names)." };
        var numerics = NumericsOption.Create("what --init records, else the variant's own");
        var command = new Command("train", "Train a variant with the NFNet recipe; writes metrics, a plot, checkpoints and safetensors weights.")
        {
            variant, spec, data, imageSize, batchSize, epochs, steps, lr, ema, device, seed, output, resume, classes, trainImages, heldOutImages, heldOutFraction,
            init, freeze, numerics,
        };
        command.SetAction(parse => Run(context, new Settings(
            parse.GetValue(variant)!, parse.GetValue(spec), parse.GetValue(data)!, parse.GetValue(imageSize), parse.GetValue(batchSize),
            parse.GetValue(epochs), parse.GetValue(steps), parse.GetValue(lr), parse.GetValue(ema), parse.GetValue(device)!, parse.GetValue(seed),
            parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(classes), parse.GetValue(trainImages), parse.GetValue(heldOutImages),
            parse.GetValue(heldOutFraction), parse.GetValue(init), Parts(parse.GetValue(freeze)), parse.GetValue(numerics))));
        return command;
    }

    private static IReadOnlyList<string> Parts(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed record Settings(
        string Variant, string? Spec, string Data, int ImageSize, int BatchSize, int Epochs, long? Steps, double? Lr, double? Ema, string Device,
        long Seed, string Out, bool Resume, int Classes, int TrainImages, int HeldOutImages, double HeldOutFraction,
        string? Init, IReadOnlyList<string> Freeze, string? Numerics);

    private static int Guarded(CliContext context, Settings s, DataParallel? parallel)
    {
        var gate = new RankGate(parallel);
        try
        {
            // A rank that ends its start-up early with a code of its own (its message already printed) still releases the others.
            return gate.Returned(Train(context, s, parallel, gate));
        }
        catch (Exception e) when (RunFailures.AreExpected(e) || e is DistributedException or PeerFailedException)
        {
            return gate.Fail(context, e);
        }
    }

    private static int Train(CliContext context, Settings s, DataParallel? parallel, RankGate gate)
    {
        bool root = parallel is null || parallel.IsRoot;
        // First of all, every rank must have been started with the same command (collective; fails on all ranks).
        if (parallel is not null) LaunchCheck.Verify(parallel.Communicator, Fingerprint(context, s));
        // Everything that can be checked without data or a model is checked first, so a typo fails in milliseconds.
        var outDir = Path.GetFullPath(s.Out, context.WorkingDirectory);
        if (root && File.Exists(outDir))
            throw new ArgumentException($"--out '{s.Out}' is a file; it must be a folder (existing or not)");
        var checkpoint = Path.Combine(outDir, "checkpoint.safetensors");
        var dataPath = string.Equals(s.Data, DataSets.Synthetic, StringComparison.OrdinalIgnoreCase) ? DataSets.Synthetic : Path.GetFullPath(s.Data, context.WorkingDirectory);
        if (dataPath != DataSets.Synthetic && !Directory.Exists(dataPath))
            throw new DirectoryNotFoundException($"--data '{s.Data}': no such folder (use '{DataSets.Synthetic}' for the built-in set)");
        var specPath = s.Spec is null ? null : Path.GetFullPath(s.Spec, context.WorkingDirectory);
        var initPath = s.Init is null ? null : Path.GetFullPath(s.Init, context.WorkingDirectory);
        if (initPath is not null && !File.Exists(initPath))
            throw new FileNotFoundException($"--init '{s.Init}': no such weights file", initPath);
        var device = parallel is null ? Devices.Parse(s.Device) : DataParallelLaunch.DeviceOf(s.Device, parallel);
        if (VariantArgument.FindPlan(context, s.Variant, specPath) is not { } plan)
            return ExitCodes.Usage;
        // Recorded in the weights, so evaluate and predict rebuild the variant even after the spec file moved.
        var specText = specPath is null ? null : File.ReadAllText(specPath);
        ImageSizes.Check(s.ImageSize, plan);
        if (dataPath == DataSets.Synthetic)
            new TrainingOptions { BatchSize = s.BatchSize }.StepsPerEpoch(s.TrainImages);
        if (parallel is not null) parallel.SliceOf(s.BatchSize);
        // Only once the options are known to be right: a run folder in the way is the last thing to fix.
        if (root && !s.Resume && File.Exists(checkpoint))
            throw new ArgumentException($"{checkpoint} exists; pass --resume to continue that run or choose another --out");

        var split = DataSets.Open(dataPath, s.ImageSize, s.Seed, s.Classes, s.TrainImages, s.HeldOutImages, s.HeldOutFraction, context.Error);
        // The pretrained file is read once: its numerics choose the model's, then its tensors initialize it.
        using var pretrained = initPath is null ? null : TrainedWeights.Read(initPath);
        string? numericsNote = null;
        var profile = pretrained is not null ? pretrained.ChooseNumerics(s.Numerics, out numericsNote)
            : s.Numerics is null ? null : WeightsMetadata.ParseProfile(s.Numerics, "--numerics");
        var options = new TrainingOptions
        {
            BatchSize = s.BatchSize,
            Epochs = s.Epochs,
            Steps = s.Steps,
            LearningRate = s.Lr,
            EmaDecay = s.Ema,
            Seed = s.Seed,
            CheckpointPath = checkpoint,
        };
        options = options with { RunDescription = Describe(s, dataPath, specPath, specText, initPath, profile, split.Train.ClassNames.Count) };

        // Seed before building: the initial weights come from torch's generator.
        random.manual_seed(s.Seed);
        var network = NetworkFactory.Create(plan.Name, specPath, numClasses: split.Train.ClassNames.Count, numerics: profile);
        using var model = network.Module;
        var where = device.type.ToString().ToLowerInvariant() + (parallel is null ? "" : $", {DataParallelLaunch.Describe(parallel, device)}");
        context.Out.WriteLine($"nfnet train: {network.Plan.Name} ({ParameterCount(model):N0} parameters) at {s.ImageSize}×{s.ImageSize} on {where}; data: {split.Description}");
        context.Out.WriteLine($"numerics: {WeightsMetadata.Describe(network.Numerics)}" + (numericsNote is null ? "" : $" ({numericsNote})"));
        if (pretrained is not null)
            Initialize(context, model, pretrained, split.Train.ClassNames.Count, s.Resume);
        if (s.Freeze.Count > 0)
        {
            long frozen = FineTuning.Freeze(model, s.Freeze);
            context.Out.WriteLine($"frozen: {string.Join(", ", s.Freeze)} ({frozen:N0} parameters); training {ParameterCount(model) - frozen:N0}");
        }
        model.to(device);

        var data = dataPath == DataSets.Synthetic ? "built-in synthetic shapes" : Path.GetFileName(Path.TrimEndingDirectorySeparator(dataPath));
        using var trainer = new Trainer(model, options, split.Train, split.HeldOut, device, parallel);
        // Every rank got here, or every rank stops; then the ranks must also hold the same data and network.
        gate.Pass();
        if (parallel is not null)
            LaunchCheck.Verify(parallel.Communicator, Fingerprint(network, model, split));
        if (s.Resume) trainer.Resume();
        gate.Pass();
        // Only rank 0 writes files: the others hold the same state.
        var log = root ? new MetricsLog(outDir, $"{network.Plan.Name} on {data} ({split.Train.ClassNames.Count} classes), {s.ImageSize}×{s.ImageSize}, batch {s.BatchSize}") : null;
        if (root) File.WriteAllLines(Path.Combine(outDir, "classes.txt"), split.Train.ClassNames);

        using var cancellation = new CancellationTokenSource();
        // Ctrl-C (SIGINT) or SIGTERM asks for a checkpoint at the next step boundary; a second signal is not
        // cancelled, so it ends the process as usual.
        void OnSignal(PosixSignalContext signal)
        {
            if (cancellation.IsCancellationRequested) return;
            signal.Cancel = true;
            cancellation.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        // Under mpirun the ranks' output reaches the console through the launcher, which may be a log: plain lines.
        bool interactive = parallel is null && ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected;
        gate.TrainingStarted();
        bool completed = log is null
            ? trainer.Run(new ObserverGroup([]), cancellation.Token)
            : ConsoleProgress.Run(context.Out, interactive, display => trainer.Run(new ObserverGroup(new ITrainingObserver[] { log, display }), cancellation.Token));
        gate.TrainingEnded();
        if (parallel is not null) context.Out.WriteLine(DataParallelLaunch.AllReduceSummary(parallel));
        if (!root) return completed ? ExitCodes.Success : Interrupted;
        return completed ? Finish(context, trainer, model, split, outDir, options, network, profile, specPath, specText) : Interrupted;
    }

    /// <summary>Copies the pretrained tensors and says what was loaded and what starts fresh (a resumed run takes its checkpoint's instead).</summary>
    private static void Initialize(CliContext context, nn.Module model, TrainedWeights pretrained, int classes, bool resume)
    {
        var file = Relative(context, pretrained.Path);
        if (resume)
        {
            context.Out.WriteLine($"init: {file} was loaded when the run started; resuming from its checkpoint");
            return;
        }
        var report = FineTuning.LoadPretrained(model, pretrained.Tensors, pretrained.Path);
        context.Out.WriteLine($"init: loaded {report.Loaded.Count} tensors ({report.LoadedParameters:N0} parameters) from {file}");
        if (report.Reinitialized.Count > 0)
            context.Out.WriteLine($"init: re-initialized the classifier for {classes} classes: {string.Join(", ", report.Reinitialized)}");
    }

    // The run is done: export the weights (and the EMA's) under timm names, then one final evaluation line.
    private static int Finish(CliContext context, Trainer trainer, nn.Module<Tensor, Tensor> model, DataSplit split, string outDir, TrainingOptions options,
        Network network, NumericsProfile? profile, string? specPath, string? specText)
    {
        var metadata = TrainedWeights.ModelMetadata(network.Plan.Name, specPath, specText);
        metadata[WeightsMetadata.Classes] = string.Join("\n", split.Train.ClassNames);
        metadata[WeightsMetadata.ImageSize] = split.Train.ImageSize.ToString(CultureInfo.InvariantCulture);
        metadata[WeightsMetadata.Steps] = trainer.CompletedSteps.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in WeightsMetadata.For(profile, network.Numerics))
            metadata[key] = value;
        var weights = Path.Combine(outDir, "model.safetensors");
        ModelWeights.Export(model, weights, metadata: metadata);
        var device = model.parameters().GetEnumerator() is var e && e.MoveNext() ? e.Current.device : CPU;
        var final = Evaluator.Run(model, split.HeldOut, options.BatchSize, device);
        context.Out.WriteLine($"final: held-out {MetricsText.HeldOut(final)} on {final.Samples} images (chance {100.0 / split.Train.ClassNames.Count:F1}%)");
        if (trainer.Ema is { } ema)
        {
            var emaWeights = Path.Combine(outDir, "model_ema.safetensors");
            using (ema.SwapInto(model))
            {
                ModelWeights.Export(model, emaWeights, metadata: metadata);
                context.Out.WriteLine($"final (EMA): held-out {MetricsText.HeldOut(Evaluator.Run(model, split.HeldOut, options.BatchSize, device))}");
            }
        }
        // Every file this run wrote, in the order they matter to the user.
        var written = new List<string> { "model.safetensors" };
        if (trainer.Ema is not null) written.Add("model_ema.safetensors");
        written.AddRange(["checkpoint.safetensors", "metrics.csv", "steps.csv", "curves.png", "classes.txt"]);
        context.Out.WriteLine($"wrote {string.Join(", ", written.Select(name => Relative(context, Path.Combine(outDir, name))))}");
        return ExitCodes.Success;
    }

    // The run's length is not in the description: the checkpoint records it, and --resume may lengthen it.
    private static IReadOnlyDictionary<string, string> Describe(Settings s, string data, string? spec, string? specText, string? init, NumericsProfile? profile, int classes)
    {
        var run = new Dictionary<string, string>
        {
            ["variant"] = s.Variant,
            ["spec"] = spec ?? TrainedWeights.BuiltInSpec,
            [WeightsMetadata.Numerics] = WeightsMetadata.ProfileName(profile),
            ["init"] = init ?? "none",
            ["freeze"] = s.Freeze.Count == 0 ? "none" : string.Join(",", s.Freeze),
            ["data"] = data,
            ["classes"] = classes.ToString(CultureInfo.InvariantCulture),
            ["image_size"] = s.ImageSize.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = s.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["lr"] = s.Lr?.ToString("R", CultureInfo.InvariantCulture) ?? "recipe",
            ["ema"] = s.Ema?.ToString("R", CultureInfo.InvariantCulture) ?? "off",
            ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
            ["synthetic_images"] = data == DataSets.Synthetic ? $"{s.TrainImages}/{s.HeldOutImages}" : "n/a",
        };
        // An edited spec is another run: resuming it would continue a different network.
        if (specText is not null) run[TrainedWeights.SpecHashKey] = TrainedWeights.Sha256(specText);
        return run;
    }

    private static long ParameterCount(nn.Module model)
    {
        long total = 0;
        foreach (var p in model.parameters()) total += p.numel();
        return total;
    }

    private static string Relative(CliContext context, string path) => Path.GetRelativePath(context.WorkingDirectory, path);
}
