using System;
using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Training.Tests.BadInput;
using Nfnet.Training.Weights;
using Xunit;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>`nfnet train --init`: pretrained weights in, a new head for the data's classes, frozen parts untouched.</summary>
public class FineTuningTests
{
    private static readonly TimmFixture TestNfnet = new("test_nfnet_64");

    private static string[] Train(string init, params string[] more) =>
        new[] { "train", "--variant", "test_nfnet", "--init", init, "--data", "synthetic", "--classes", "4", "--image-size", "32", "--steps", "3",
            "--batch-size", "8", "--train-images", "24", "--held-out-images", "8", "--out", "run" }.Concat(more).ToArray();

    [Theory]
    [InlineData("model.pth")]
    [InlineData("model.safetensors")]
    public void Init_loads_timms_weights_re_initializes_the_head_for_the_data_and_trains(string file)
    {
        using var dir = new TempDirectory();

        var (code, output, error) = BadInputCli.Run(dir.Path, Train(Path.Combine(TestNfnet.Folder, file), "--freeze", "stem,stages.0"));

        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.StartsWith("nfnet train: test_nfnet (190,852 parameters)", lines[0]);   // 383,080 with 1000 classes; 4 here
        Assert.StartsWith("numerics: WS epsilon timm, GELU erf, padding symmetric (", lines[1]);
        Assert.Contains("records no numerics", lines[1]);
        Assert.StartsWith("init: loaded 91 tensors (190,080 parameters) from ", lines[2]);   // all but the head
        Assert.EndsWith(Path.Combine("test_nfnet_64", file), lines[2]);
        Assert.Equal("init: re-initialized the classifier for 4 classes: head.fc.bias [4], head.fc.weight [4, 192]", lines[3]);
        Assert.StartsWith("frozen: stem, stages.0 (", lines[4]);
        Assert.Contains("final: held-out", output);

        // The frozen parts leave training exactly as timm's file has them; a trained part has moved.
        using var timm = WeightFiles.Read(TestNfnet.Safetensors);
        using var trained = WeightFiles.Read(Path.Combine(dir.Path, "run", "model.safetensors"));
        foreach (var name in new[] { "stem.conv1.weight", "stages.0.0.conv2.gain" })
            Assert.True(timm.Tensors[name].eq(trained.Tensors[name]).all().item<bool>(), name);
        Assert.False(timm.Tensors["stages.2.0.conv1.weight"].eq(trained.Tensors["stages.2.0.conv1.weight"]).all().item<bool>());
        Assert.Equal(new long[] { 4, 192 }, trained.Tensors["head.fc.weight"].shape);
        Assert.Equal("spec", trained.Metadata[WeightsMetadata.Numerics]);
    }

    [Fact]
    public void Weights_of_another_architecture_are_refused_with_the_list_before_training()
    {
        using var dir = new TempDirectory();
        var args = Train(TestNfnet.Pth);
        args[Array.IndexOf(args, "test_nfnet")] = "nf_regnet_b0";

        var error = BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, args, "does not match the model (", "missing: stem.conv.weight [40, 3, 3, 3]");

        Assert.False(File.Exists(Path.Combine(dir.Path, "run", "checkpoint.safetensors")));
        Assert.DoesNotContain("re-initialized", error);
    }

    [Fact]
    public void Freezing_an_unknown_part_names_the_parts_there_are()
    {
        using var dir = new TempDirectory();

        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, Train(TestNfnet.Pth, "--freeze", "stages.9"),
            "--freeze: no parameters under 'stages.9'; the model's parts are stem, stages.0, stages.1, stages.2, stages.3, final_conv, head");
    }

    [Fact]
    public void The_numerics_a_run_used_are_recorded_and_evaluation_uses_them()
    {
        using var dir = new TempDirectory();
        var train = BadInputCli.Run(dir.Path, Train(TestNfnet.Pth, "--numerics", "deepmind"));
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("numerics: WS epsilon deepmind, GELU tanh, padding symmetric\n", train.Out);

        var evaluate = BadInputCli.Run(dir.Path, "evaluate", "--variant", "test_nfnet", "--weights", "run/model.safetensors", "--data", "synthetic",
            "--held-out-images", "8", "--image-size", "32");

        Assert.True(evaluate.Code == 0, evaluate.Error);
        Assert.Contains("test_nfnet at 32×32 (WS epsilon deepmind, GELU tanh, padding symmetric): ", evaluate.Out);
        Assert.DoesNotContain("records no numerics", evaluate.Error);
    }
}
