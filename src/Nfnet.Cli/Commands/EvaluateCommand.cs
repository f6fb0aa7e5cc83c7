using System;
using System.CommandLine;
using System.IO;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Reporting;
using Nfnet.Training.Training;
using Nfnet.Training.Weights;
using TorchSharp;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet evaluate --weights W --data PATH [--variant V] [--spec FILE]`: top-1/top-5 with the paper's evaluation
/// preprocessing (resize to S+32, centre crop S) at the variant's test size unless the weights record another. The
/// variant and its spec come from the weights' metadata unless given.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var variant = new Option<string?>("--variant") { Description = "Variant the weights belong to (default: the one the weights record)." };
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant (default: the spec the weights record, else the built-in specs)." };
        var weights = new Option<string>("--weights") { Description = "model.safetensors (timm names), or a training checkpoint.", Required = true };
        var data = new Option<string>("--data") { Description = "ImageFolder path (its val/ subfolder when it has one), or 'synthetic' for the built-in held-out set.", Required = true };
        var imageSize = new Option<int?>("--image-size") { Description = "Crop size (default: the size the weights were trained at, else the variant's test size)." }.AtLeast(1);
        var batchSize = new Option<int>("--batch-size") { Description = "Images per forward pass.", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<long>("--seed") { Description = "Seed of the synthetic set (as in training).", DefaultValueFactory = _ => 42 };
        var heldOutImages = new Option<int>("--held-out-images") { Description = "Size of the synthetic held-out set.", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var numerics = NumericsOption.Create("what the weights record, else the variant's own");
        var preprocess = PreprocessOption.Create();
        var command = new Command("evaluate", "Report top-1/top-5 accuracy of weights on a labelled data set.")
        {
            variant, spec, weights, data, imageSize, batchSize, device, seed, heldOutImages, numerics, preprocess,
        };
        command.SetAction(parse => Run(context, parse.GetValue(variant), parse.GetValue(spec), parse.GetValue(weights)!, parse.GetValue(data)!,
            parse.GetValue(imageSize), parse.GetValue(batchSize), parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(heldOutImages),
            parse.GetValue(numerics), parse.GetValue(preprocess)!));
        return command;
    }

    private static int Run(CliContext context, string? variant, string? spec, string weightsPath, string data, int? imageSize, int batchSize, string deviceName,
        long seed, int heldOutImages, string? numerics, string preprocess)
    {
        try
        {
            var device = Devices.Parse(deviceName);
            var specPath = spec is null ? null : Path.GetFullPath(spec, context.WorkingDirectory);
            bool synthetic = string.Equals(data, DataSets.Synthetic, StringComparison.OrdinalIgnoreCase);
            var root = synthetic ? null : Path.GetFullPath(data, context.WorkingDirectory);
            // The cheap checks come before reading the weights and building the model.
            if (root is not null && !Directory.Exists(root))
                throw new DirectoryNotFoundException($"--data '{data}': no such folder (use '{DataSets.Synthetic}' for the built-in set)");
            var weightsFile = Path.GetFullPath(weightsPath, context.WorkingDirectory);
            if (!WeightsVariant.CheckOptions(context, variant, specPath, weightsFile))
                return ExitCodes.Usage;

            using var weights = TrainedWeights.Read(weightsFile);
            if (WeightsVariant.Find(context, weights, variant, specPath) is not var (plan, builtIn))
                return ExitCodes.Usage;
            int size = imageSize ?? weights.ImageSize ?? plan.TestImageSize;
            ImageSizes.Check(size, plan);
            var profile = weights.ChooseNumerics(numerics, out var note);
            if (note is not null) context.Error.WriteLine($"nfnet evaluate: {note}");
            var network = weights.CreateNetwork(plan, builtIn, profile);
            using var model = network.Module;
            model.to(device);

            IImageDataset dataset;
            if (root is null)
            {
                dataset = new SyntheticShapes(seed, heldOutImages, size, (int)weights.NumClasses, split: 2);
            }
            else
            {
                var val = Path.Combine(root, "val");
                var preprocessing = EvalPreprocessing.ForPlan(plan, preprocess);
                context.Error.WriteLine($"nfnet evaluate: preprocessing {preprocessing.Describe(size)}");
                dataset = ImageFolder.ForEvaluation(Directory.Exists(val) ? val : root, size, context.Error, weights.ClassNames, preprocessing);
            }
            if (dataset.Count == 0) throw new InvalidDataException($"no readable images under {data}");

            var result = Evaluator.Run(model, dataset, batchSize, device);
            context.Out.WriteLine($"{network.Plan.Name} at {size}×{size} ({WeightsMetadata.Describe(network.Numerics)}): {MetricsText.HeldOut(result)} on {result.Samples} images");
            return ExitCodes.Success;
        }
        catch (Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "evaluate", e);
        }
    }
}
