using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet predict --weights W [--variant V] [--spec FILE] IMAGE...`: the five most probable classes of each image; the
/// variant and its spec come from the weights' metadata unless given.
/// </summary>
public static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var variant = new Option<string?>("--variant") { Description = "Variant the weights belong to (default: the one the weights record)." };
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant (default: the spec the weights record, else the built-in specs)." };
        var weights = new Option<string?>("--weights") { Description = "model.safetensors (timm names), or a training checkpoint." };
        var onnx = new Option<string?>("--onnx") { Description = "A model written by `nfnet export --format onnx`, run on ONNX Runtime alone (instead of --weights)." };
        var imageSize = new Option<int?>("--image-size") { Description = "Crop size (default: the size the weights were trained at, else the variant's test size)." }.AtLeast(1);
        var labels = new Option<string?>("--labels") { Description = "Text file with one class name per line (default: names stored in the weights)." };
        var images = new Argument<string[]>("images") { Arity = ArgumentArity.OneOrMore, Description = "Image files (.png, .jpg, .bmp)." };
        var numerics = NumericsOption.Create("what the weights record, else the variant's own");
        var preprocess = PreprocessOption.Create();
        var command = new Command("predict", "Print the top-5 classes of each image.") { variant, spec, weights, onnx, imageSize, labels, numerics, preprocess, images };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(weights) is null) == (result.GetResult(onnx) is null))
                result.AddError("give either --weights (TorchSharp) or --onnx (ONNX Runtime)");
            // An exported model carries its numerics and preprocessing; these choose them for --weights only.
            if (result.GetResult(onnx) is not null)
            {
                foreach (var option in new Option[] { variant, spec, numerics, preprocess })
                {
                    if (result.GetResult(option) is { Implicit: false })
                        result.AddError($"{option.Name} applies to --weights; an --onnx model was fixed at export");
                }
            }
        });
        // The ONNX branch is its own method, so TorchSharp is never loaded for it.
        command.SetAction(parse => parse.GetValue(onnx) is { } model
            ? OnnxPredict.Run(context, model, parse.GetValue(imageSize), parse.GetValue(labels), parse.GetValue(images)!)
            : Run(context, parse.GetValue(variant), parse.GetValue(spec), parse.GetValue(weights)!, parse.GetValue(imageSize),
                parse.GetValue(labels), parse.GetValue(numerics), parse.GetValue(preprocess)!, parse.GetValue(images)!));
        return command;
    }

    private static int Run(CliContext context, string? variant, string? spec, string weightsPath, int? imageSize, string? labels, string? numerics,
        string preprocess, string[] images)
    {
        try
        {
            // A missing image is a typo, not a corrupt file: say so before reading the weights and building the model.
            var missing = images.FirstOrDefault(i => !File.Exists(Path.GetFullPath(i, context.WorkingDirectory)));
            if (missing is not null)
                throw new FileNotFoundException($"no such image file '{missing}'", missing);
            var specPath = spec is null ? null : Path.GetFullPath(spec, context.WorkingDirectory);
            var weightsFile = Path.GetFullPath(weightsPath, context.WorkingDirectory);
            if (!WeightsVariant.CheckOptions(context, variant, specPath, weightsFile))
                return ExitCodes.Usage;
            var names = labels is null ? null : File.ReadAllLines(Path.GetFullPath(labels, context.WorkingDirectory));

            using var weights = TrainedWeights.Read(weightsFile);
            if (WeightsVariant.Find(context, weights, variant, specPath) is not var (plan, builtIn))
                return ExitCodes.Usage;
            int size = imageSize ?? weights.ImageSize ?? plan.TestImageSize;
            ImageSizes.Check(size, plan);
            var profile = weights.ChooseNumerics(numerics, out var note);
            if (note is not null) context.Error.WriteLine($"nfnet predict: {note}");
            var network = weights.CreateNetwork(plan, builtIn, profile);
            using var model = network.Module;

            var files = images.Select(i => new LabelledFile(Path.GetFullPath(i, context.WorkingDirectory), 0)).ToList();
            var dataset = new ImageFileDataset(files, new[] { "?" }, size, training: false, context.Error,
                EvalPreprocessing.ForPlan(plan, preprocess));
            model.eval();
            using var noGrad = no_grad();
            for (int i = 0; i < dataset.Count; i++)
            {
                using var scope = NewDisposeScope();
                var (batch, _) = BatchLoader.Load(dataset, new[] { i }, seed: 0, augmentationKey: null, CPU);
                var probabilities = model.call(batch).softmax(1)[0];
                var (values, indexes) = probabilities.topk((int)Math.Min(5, weights.NumClasses));
                context.Out.WriteLine(Path.GetRelativePath(context.WorkingDirectory, dataset.Files[i].Path));
                for (int k = 0; k < values.shape[0]; k++)
                {
                    long index = indexes[k].item<long>();
                    string name = names is not null && index < names.Length ? names[index] : weights.ClassName(index);
                    context.Out.WriteLine($"  {k + 1}. {name,-24} {values[k].item<float>() * 100,6:F2}%");
                }
            }
            return dataset.Skipped.Count == 0 ? ExitCodes.Success : TrainCommand.Failed;
        }
        catch (Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "predict", e);
        }
    }
}
