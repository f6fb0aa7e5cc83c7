using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Nfnet.Onnx;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet export --format onnx --weights W --out model.onnx`: the eval network of the weights' variant as a standard ONNX
/// model (library: Nfnet.Onnx's <see cref="OnnxExporter"/>). The variant, spec and numerics are chosen as evaluate and
/// predict choose them (<see cref="WeightsVariant"/>, <see cref="TrainedWeights.ChooseNumerics"/>), and the
/// preprocessing is recorded in the model, so `predict --onnx` needs none of those options.
/// </summary>
public static class ExportCommand
{
    public const string Dynamic = "dynamic";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong("onnx");
        var weights = new Option<string>("--weights") { Description = "model.safetensors (timm names), or a training checkpoint.", Required = true };
        var variant = new Option<string?>("--variant") { Description = "Variant the weights belong to (default: the one the weights record)." };
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant (default: the spec the weights record, else the built-in specs)." };
        var numerics = NumericsOption.Create("what the weights record, else the variant's own");
        var preprocess = PreprocessOption.Create();
        var imageSize = new Option<int?>("--image-size") { Description = "Input size the pads are computed for (default: the size the weights were trained at, else the variant's test size)." }.AtLeast(1);
        var batchSize = new Option<string>("--batch-size") { Description = "A fixed batch size, or 'dynamic' for a symbolic batch dimension.", DefaultValueFactory = _ => Dynamic };
        batchSize.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value != Dynamic && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1))
                result.AddError($"--batch-size must be '{Dynamic}' or a whole number of at least 1, got '{value}'");
        });
        var labels = new Option<string?>("--labels") { Description = "Text file with one class name per line to store in the model (default: names stored in the weights)." };
        var output = new Option<string>("--out") { Description = "The .onnx file to write (external data goes beside it as FILE.data above 1 GB).", Required = true };
        var command = new Command("export", "Write the eval network of a weights file as an ONNX model (weight standardization folded) that ONNX Runtime runs.")
        {
            format, weights, variant, spec, numerics, preprocess, imageSize, batchSize, labels, output,
        };
        command.SetAction(parse => Run(context, parse.GetValue(weights)!, parse.GetValue(variant), parse.GetValue(spec), parse.GetValue(numerics),
            parse.GetValue(preprocess)!, parse.GetValue(imageSize), parse.GetValue(batchSize)!, parse.GetValue(labels), parse.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string weightsPath, string? variant, string? spec, string? numerics, string preprocess, int? imageSize,
        string batchSize, string? labels, string output)
    {
        try
        {
            var outPath = Path.GetFullPath(output, context.WorkingDirectory);
            if (Directory.Exists(outPath))
                throw new ArgumentException($"--out '{output}' is a folder; name the .onnx file to write");
            var specPath = spec is null ? null : Path.GetFullPath(spec, context.WorkingDirectory);
            var weightsFile = Path.GetFullPath(weightsPath, context.WorkingDirectory);
            if (!WeightsVariant.CheckOptions(context, variant, specPath, weightsFile))
                return ExitCodes.Usage;
            var names = labels is null ? null : File.ReadAllLines(Path.GetFullPath(labels, context.WorkingDirectory));

            using var weights = TrainedWeights.Read(weightsFile);
            if (WeightsVariant.Find(context, weights, variant, specPath) is not var (variantPlan, _))
                return ExitCodes.Usage;
            int size = imageSize ?? weights.ImageSize ?? variantPlan.TestImageSize;
            ImageSizes.Check(size, variantPlan);
            var profile = weights.ChooseNumerics(numerics, out var note);
            if (note is not null) context.Error.WriteLine($"nfnet export: {note}");
            // The graph reads the plan's numerics, so the chosen profile goes into the plan.
            var plan = NetworkFactory.WithNumerics(variantPlan, profile);
            var preprocessing = EvalPreprocessing.ForPlan(plan, preprocess);

            var result = OnnxExporter.Export(plan, weights.Tensors, outPath, new OnnxExportOptions
            {
                ImageSize = size,
                BatchSize = batchSize == Dynamic ? null : int.Parse(batchSize, CultureInfo.InvariantCulture),
                ClassNames = names ?? weights.ClassNames,
                Preprocess = preprocessing,
                Source = weightsPath,
            });
            var relative = Path.GetRelativePath(context.WorkingDirectory, result.ModelPath);
            context.Out.WriteLine($"nfnet export: {plan.Name} at {size}×{size}, batch {(result.BatchDimension == "batch" ? Dynamic : result.BatchDimension)}, {WeightsMetadata.Detail(PlanModel.ToRuntime(plan.Numerics))}");
            context.Out.WriteLine($"wrote {relative} ({Megabytes(result.ModelBytes)}, opset {result.Opset}, {result.NodeCount} nodes)"
                + (result.ExternalDataPath is { } data ? $" and its external data {Path.GetRelativePath(context.WorkingDirectory, data)} ({Megabytes(result.ExternalDataBytes)})" : ""));
            context.Out.WriteLine($"input '{OnnxExporter.InputName}' [{result.BatchDimension}, 3, {size}, {size}] float32 (normalized image), output '{OnnxExporter.OutputName}' [{result.BatchDimension}, {weights.NumClasses}]");
            context.Out.WriteLine($"preprocessing (recorded in the model): {preprocessing.Describe(size)}, {preprocessing.DescribeStatistics()}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "export", e);
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
