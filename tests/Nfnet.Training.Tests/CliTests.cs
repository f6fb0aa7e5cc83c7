using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Training.Weights;
using Xunit;

namespace Nfnet.Training.Tests;

/// <summary>train → resume → evaluate → predict through the real command line, on a tiny spec so it takes seconds.</summary>
public class CliTests
{
    private static (int Code, string Out, string Error) Nfnet(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, new CliContext(output, error, workingDirectory));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Train_writes_its_outputs_resume_finishes_and_the_weights_evaluate_and_predict()
    {
        using var dir = new TempDirectory();
        TinySpec.WriteTo(dir.Path);
        string[] common = { "--spec", "tiny.nfnet.yaml", "--variant", "T", "--image-size", "16", "--batch-size", "8", "--train-images", "32", "--held-out-images", "8" };

        // A 1-epoch run; starting it again over its checkpoint, or resuming it with other settings, is refused.
        var first = Nfnet(dir.Path, new[] { "train", "--epochs", "1", "--out", "run" }.Concat(common).ToArray());
        Assert.True(first.Code == 0, first.Error);
        foreach (var file in new[] { "metrics.csv", "steps.csv", "curves.png", "checkpoint.safetensors", "model.safetensors", "classes.txt" })
            Assert.True(File.Exists(Path.Combine(dir.Path, "run", file)), $"{file} missing");
        Assert.Contains("epoch 1/1", first.Out);
        Assert.Contains("final: held-out", first.Out);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir.Path, "run", "steps.csv")).Length);
        // The closing line names every file the run folder holds.
        var wrote = first.Out.Split('\n').Single(l => l.StartsWith("wrote ", System.StringComparison.Ordinal))["wrote ".Length..].Split(", ");
        Assert.Equal(Directory.GetFiles(Path.Combine(dir.Path, "run")).Select(f => "run/" + Path.GetFileName(f)).Order(), wrote.Order());

        var again = Nfnet(dir.Path, new[] { "train", "--epochs", "1", "--out", "run" }.Concat(common).ToArray());
        Assert.Equal(ExitCodes.Usage, again.Code);
        Assert.Contains("--resume", again.Error);
        // A mistake in the options is reported first, not hidden behind the run folder.
        var typo = Nfnet(dir.Path, new[] { "train", "--epochs", "1", "--out", "run" }.Concat(common.Select(a => a == "16" ? "4" : a)).ToArray());
        Assert.Equal(ExitCodes.Usage, typo.Code);
        Assert.Equal("nfnet train: --image-size 4 is smaller than T's total stride 8; use at least 8\n", typo.Error.Replace("\r\n", "\n"));
        var tooFew = Nfnet(dir.Path, new[] { "train", "--epochs", "1", "--out", "run" }.Concat(common.Select(a => a == "32" ? "4" : a)).ToArray());
        Assert.Contains("fewer than one batch of 8", tooFew.Error);
        Assert.DoesNotContain("--resume", tooFew.Error);

        var changed = Nfnet(dir.Path, new[] { "train", "--epochs", "2", "--lr", "0.3", "--out", "run", "--resume" }.Concat(common).ToArray());
        Assert.Equal(1, changed.Code);
        Assert.Contains("lr: checkpoint has 'recipe', this run has '0.3'", changed.Error);

        // More epochs continue the finished run: the cosine is recomputed to end at the new last step.
        var longer = Nfnet(dir.Path, new[] { "train", "--epochs", "2", "--out", "run", "--resume" }.Concat(common).ToArray());
        Assert.True(longer.Code == 0, longer.Error);
        Assert.Contains("; resuming at step 4, extended from 4 steps (the cosine now ends at step 8)", longer.Out);
        Assert.Contains("epoch 2/2", longer.Out);
        Assert.DoesNotContain("epoch 1/2", longer.Out);
        // metrics.csv numbers epochs as the console does: 1 from the first run, 2 from the extension.
        var epochRows = File.ReadAllLines(Path.Combine(dir.Path, "run", "metrics.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(new[] { "1", "2" }, epochRows.Select(r => r[0]));
        // Learning rates have one notation, 3 significant digits on the console and 6 in the CSV, the same number.
        var consoleRates = System.Text.RegularExpressions.Regex.Matches(first.Out + longer.Out, @"  lr (\S+)  ").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, consoleRates.Count);
        Assert.All(consoleRates, r => Assert.Matches(@"^\d\.\d{2}e[-+]\d{2}$", r));
        Assert.All(epochRows, r => Assert.Matches(@"^\d\.\d{5}e[-+]\d{2}$", r[9]));
        Assert.Equal(consoleRates, epochRows.Select(r => double.Parse(r[9], System.Globalization.CultureInfo.InvariantCulture).ToString("0.00e+00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Matches(@", peak lr \d\.\d{2}e[-+]\d{2};", longer.Out);
        Assert.Equal(9, File.ReadAllLines(Path.Combine(dir.Path, "run", "steps.csv")).Length);
        using (var extended = SafetensorsFile.Read(Path.Combine(dir.Path, "run", "model.safetensors")))
            Assert.Equal("8", extended.Metadata["steps"]);

        var evaluate = Nfnet(dir.Path, "evaluate", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--weights", "run/model.safetensors", "--data", "synthetic",
            "--held-out-images", "8");
        Assert.True(evaluate.Code == 0, evaluate.Error);
        Assert.Contains("T at 16×16 (WS epsilon deepmind, GELU tanh, padding same): loss", evaluate.Out);
        Assert.Contains("on 8 images", evaluate.Out);

        using (var weights = TrainedWeights.Read(Path.Combine(dir.Path, "run", "model.safetensors")))
            Assert.Equal(new[] { "disk", "square", "horizontal-stripes", "vertical-stripes" }, weights.ClassNames);
    }

    [Fact]
    public void Predict_prints_ranked_classes_and_reports_an_unreadable_image()
    {
        using var dir = new TempDirectory();
        TinySpec.WriteTo(dir.Path);
        var train = Nfnet(dir.Path, "train", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--image-size", "16", "--batch-size", "8", "--steps", "2",
            "--train-images", "16", "--held-out-images", "8", "--out", "run", "--ema", "0.9");
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("\nwrote run/model.safetensors, run/model_ema.safetensors, run/checkpoint.safetensors, run/metrics.csv, run/steps.csv, run/curves.png, run/classes.txt\n",
            train.Out.Replace("\r\n", "\n"));
        using (var bitmap = new SkiaSharp.SKBitmap(20, 20))
        {
            bitmap.Erase(SkiaSharp.SKColors.White);
            using var data = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(dir.Path, "white.png"), data.ToArray());
        }
        File.WriteAllText(Path.Combine(dir.Path, "bad.png"), "not a png");

        var predict = Nfnet(dir.Path, "predict", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--weights", "run/checkpoint.safetensors", "white.png", "bad.png");

        Assert.Equal(1, predict.Code);
        Assert.Contains("bad.png", predict.Error);
        var lines = predict.Out.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("white.png", lines[0]);
        Assert.Equal(4, lines.Count(l => l.TrimStart().Length > 2 && char.IsDigit(l.TrimStart()[0])));
        Assert.StartsWith("  1. ", lines[1]);
    }
}
