using System.CommandLine;
using System.Globalization;
using System.IO;
using Nfnet.Analysis.Spp;
using Nfnet.Models;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet spp &lt;variant&gt; --out DIR`: the signal propagation plot (PNG) and its numbers (CSV) of a freshly
/// initialized model fed N(0, 1) images, as in arXiv 2101.08692. See docs/signal-propagation.md.
/// </summary>
public static class SppCommand
{
    public static Command Create(CliContext context)
    {
        var variant = VariantArgument.Create();
        var output = new Option<string>("--out") { Description = "Folder for <variant>-spp.png and <variant>-spp.csv.", Required = true };
        var imageSize = new Option<int?>("--image-size") { Description = "Input height and width (default: the variant's test image size)." };
        var batch = new Option<int>("--batch") { Description = "Images in the batch.", DefaultValueFactory = _ => 4 };
        var seed = new Option<long>("--seed") { Description = "Seeds weights and input.", DefaultValueFactory = _ => 0 };
        var command = new Command("spp", "Measure signal propagation at initialization; write a plot (PNG) and the numbers (CSV).")
        {
            variant,
            output,
            imageSize,
            batch,
            seed,
        };
        command.SetAction(parse => Run(context, parse.GetValue(variant)!, parse.GetValue(output)!, parse.GetValue(imageSize),
            parse.GetValue(batch), parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, string name, string output, int? imageSize, int batch, long seed)
    {
        var info = VariantArgument.Find(context, name);
        if (info is null)
            return ExitCodes.Usage;
        int size = imageSize ?? info.TestImageSize;
        if (size < 32 || batch < 1)
        {
            context.Error.WriteLine("nfnet: --image-size must be at least 32 (the network's total stride) and --batch at least 1");
            return ExitCodes.Usage;
        }

        var folder = Path.GetFullPath(Path.Combine(context.WorkingDirectory, output));
        if (File.Exists(folder))
        {
            context.Error.WriteLine($"nfnet: --out '{output}' is a file; it must be a folder (existing or not)");
            return ExitCodes.Usage;
        }

        manual_seed(seed);
        using var model = NfnetZoo.Create(info.Name);
        using var images = randn(batch, 3, size, size);
        var rows = SignalPropagation.Measure(model, images);

        Directory.CreateDirectory(folder);
        var csvPath = Path.Combine(folder, $"{info.Name}-spp.csv");
        var pngPath = Path.Combine(folder, $"{info.Name}-spp.png");
        using (var writer = new StreamWriter(csvPath) { NewLine = "\n" })
            SppCsv.Write(writer, rows);
        SppPlot.SavePng(pngPath, $"NFNet-{info.Name} at init, skip gains 1, N(0,1) input {batch}×3×{size}×{size}", rows);

        context.Out.WriteLine($"{"point",-12} {"DM expected",12} {"mean-field",12} {"measured",12}");
        foreach (var row in rows)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Name,-12} {row.DmExpectedVariance,12:F4} {row.MeanFieldVariance,12:F4} {row.MeasuredVariance,12:F4}"));
        context.Out.WriteLine($"wrote {csvPath}");
        context.Out.WriteLine($"wrote {pngPath}");
        return ExitCodes.Success;
    }
}
