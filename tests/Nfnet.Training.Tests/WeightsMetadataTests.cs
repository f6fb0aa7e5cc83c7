using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Training.Models;
using Nfnet.Training.Tests.BadInput;
using Nfnet.Training.Weights;
using Xunit;

namespace Nfnet.Training.Tests;

/// <summary>evaluate and predict rebuild the variant a weights file records, with the spec it was trained from.</summary>
public class WeightsMetadataTests
{
    private static string Train(TempDirectory dir)
    {
        TinySpec.WriteTo(dir.Path);
        var train = BadInputCli.Run(dir.Path, "train", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--image-size", "16", "--batch-size", "8", "--steps", "2",
            "--train-images", "16", "--held-out-images", "8", "--out", "run");
        Assert.True(train.Code == 0, train.Error);
        return dir.File("run");
    }

    [Fact]
    public void The_model_file_records_the_variant_and_the_whole_spec()
    {
        using var dir = new TempDirectory();
        Train(dir);

        using var weights = TrainedWeights.Read(dir.File("run/model.safetensors"));
        Assert.Equal("T", weights.Variant);
        Assert.Equal(TinySpec.Yaml, weights.SpecText);
        Assert.Equal(dir.File("tiny.nfnet.yaml"), weights.SpecPath);
        // SHA-256 of the UTF-8 text, computed here with the framework's hash.
        Assert.Equal(System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TinySpec.Yaml))), weights.SpecHash);
    }

    [Fact]
    public void Weights_of_a_spec_variant_evaluate_and_predict_without_options_even_after_the_spec_is_gone()
    {
        using var dir = new TempDirectory();
        Train(dir);
        File.Delete(dir.File("tiny.nfnet.yaml"));
        WhitePng(dir.File("white.png"));

        var evaluate = BadInputCli.Run(dir.Path, "evaluate", "--weights", "run/model.safetensors", "--data", "synthetic", "--held-out-images", "8");
        Assert.True(evaluate.Code == 0, evaluate.Error);
        Assert.StartsWith("T at 16×16 (WS epsilon deepmind, GELU tanh, padding same): loss ", evaluate.Out);

        var predict = BadInputCli.Run(dir.Path, "predict", "--weights", "run/model.safetensors", "white.png");
        Assert.True(predict.Code == 0, predict.Error);
        Assert.StartsWith("white.png\n  1. ", predict.Out.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_variant_other_than_the_recorded_one_is_one_line()
    {
        using var dir = new TempDirectory();
        Train(dir);

        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, ["evaluate", "--weights", "run/model.safetensors", "--data", "synthetic", "--variant", "F0"],
            $"nfnet evaluate: --variant F0 does not match {dir.File("run/model.safetensors")}, which holds T (trained from {dir.File("tiny.nfnet.yaml")}); leave out --variant to use T");
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        var predict = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, ["predict", "--weights", "run/model.safetensors", "--variant", "F1", "run/curves.png"],
            "--variant F1 does not match");
        Assert.Single(predict.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_checkpoint_uses_the_spec_file_it_names_while_it_exists_unchanged()
    {
        using var dir = new TempDirectory();
        Train(dir);
        string[] evaluate = ["evaluate", "--weights", "run/checkpoint.safetensors", "--data", "synthetic", "--held-out-images", "8"];

        var ok = BadInputCli.Run(dir.Path, evaluate);
        Assert.True(ok.Code == 0, ok.Error);
        Assert.StartsWith("T at 16×16 (WS epsilon deepmind, GELU tanh, padding same): ", ok.Out);

        File.AppendAllText(dir.File("tiny.nfnet.yaml"), "\n# edited\n");
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, evaluate,
            $"was trained from {dir.File("tiny.nfnet.yaml")}, which has changed since (its SHA-256 differs); pass --spec FILE to use it anyway");
        var explicitSpec = BadInputCli.Run(dir.Path, [.. evaluate, "--spec", "tiny.nfnet.yaml"]);
        Assert.True(explicitSpec.Code == 0, explicitSpec.Error);

        File.Delete(dir.File("tiny.nfnet.yaml"));
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, evaluate, $"was trained from {dir.File("tiny.nfnet.yaml")}, which no longer exists; pass --spec FILE");
    }

    [Fact]
    public void Weights_that_record_no_variant_need_one()
    {
        using var dir = new TempDirectory();
        TinySpec.WriteTo(dir.Path);
        using (var model = new PlanModel(TinySpec.Plan()))
            ModelWeights.Export(model, dir.File("foreign.safetensors"));

        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, ["evaluate", "--weights", "foreign.safetensors", "--data", "synthetic"],
            "foreign.safetensors does not record its variant (it was not written by nfnet train); pass --variant NAME, and --spec FILE for a variant of your own");
        var given = BadInputCli.Run(dir.Path, "evaluate", "--weights", "foreign.safetensors", "--data", "synthetic", "--spec", "tiny.nfnet.yaml", "--variant", "T",
            "--held-out-images", "8", "--image-size", "16");
        Assert.True(given.Code == 0, given.Error);
    }

    private static void WhitePng(string path)
    {
        using var bitmap = new SkiaSharp.SKBitmap(20, 20);
        bitmap.Erase(SkiaSharp.SKColors.White);
        using var data = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
