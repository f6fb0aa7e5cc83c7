using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Nfnet.Analysis.Spp;
using Nfnet.Models;
using Nfnet.Training.Models;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet spp &lt;variant&gt; [--spec FILE] --out DIR`: the signal propagation plot (PNG) and its numbers (CSV) of a freshly
/// initialized model fed N(0, 1) images, as in arXiv 2101.08692. See docs/signal-propagation.md.
/// </summary>
public static class SppCommand
{
    public static Command Create(CliContext context)
    {
        var variant = VariantArgument.Create();
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant (default: the built-in specs)." };
        var output = new Option<string>("--out") { Description = "Folder for <variant>-spp.png and <variant>-spp.csv.", Required = true };
        var imageSize = new Option<int?>("--image-size") { Description = "Input height and width (default: the variant's test image size)." }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Images in the batch.", DefaultValueFactory = _ => 4 }.AtLeast(1);
        var seed = new Option<long>("--seed") { Description = "Seeds weights and input.", DefaultValueFactory = _ => 0 };
        var command = new Command("spp", "Measure signal propagation at initialization; write a plot (PNG) and the numbers (CSV).")
        {
            variant,
            spec,
            output,
            imageSize,
            batch,
            seed,
        };
        command.SetAction(parse => Run(context, parse.GetValue(variant)!, parse.GetValue(spec), parse.GetValue(output)!, parse.GetValue(imageSize),
            parse.GetValue(batch), parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, string name, string? spec, string output, int? imageSize, int batch, long seed)
    {
        try
        {
            return Measure(context, name, spec, output, imageSize, batch, seed);
        }
        catch (Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "spp", e);
        }
    }

    private static int Measure(CliContext context, string name, string? spec, string output, int? imageSize, int batch, long seed)
    {
        var specPath = spec is null ? null : Path.GetFullPath(spec, context.WorkingDirectory);
        if (VariantArgument.FindPlan(context, name, specPath) is not { } plan)
            return ExitCodes.Usage;
        int size = imageSize ?? plan.TestImageSize;
        ImageSizes.Check(size, plan);

        var folder = Path.GetFullPath(Path.Combine(context.WorkingDirectory, output));
        if (File.Exists(folder))
            throw new ArgumentException($"--out '{output}' is a file; it must be a folder (existing or not)");

        manual_seed(seed);
        // The generated class for a built-in variant, the run-time PlanModel (same modules) for a spec file.
        using var model = specPath is null ? NfnetZoo.Create(plan.Name) : new PlanModel(plan);
        using var images = randn(batch, 3, size, size);
        var rows = SignalPropagation.Measure(model, images);

        Directory.CreateDirectory(folder);
        var csvPath = Path.Combine(folder, $"{plan.Name}-spp.csv");
        var pngPath = Path.Combine(folder, $"{plan.Name}-spp.png");
        using (var writer = new StreamWriter(csvPath) { NewLine = "\n" })
            SppCsv.Write(writer, rows);
        SppPlot.SavePng(pngPath, $"{plan.Name} at init, skip gains 1, N(0,1) input {batch}×3×{size}×{size}", rows);

        context.Out.WriteLine($"{"point",-12} {"DM expected",12} {"mean-field",12} {"measured",12}");
        foreach (var row in rows)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Name,-12} {row.DmExpectedVariance,12:F4} {row.MeanFieldVariance,12:F4} {row.MeasuredVariance,12:F4}"));
        context.Out.WriteLine($"wrote {csvPath}");
        context.Out.WriteLine($"wrote {pngPath}");
        return ExitCodes.Success;
    }
}
