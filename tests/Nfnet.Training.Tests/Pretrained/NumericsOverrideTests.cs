using System.IO;
using Nfnet.Runtime;
using Nfnet.Training.Models;
using Nfnet.Training.Tests.BadInput;
using Nfnet.Training.Weights;
using SkiaSharp;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>
/// DeepMind's F0 architecture with timm's dm_nfnet_f0 weights: the shipped F spec computes with DeepMind's numerics, so
/// it only reproduces timm's logits when told to compute as timm does. The fixture is a shrunk dm_nfnet_f0 run by timm.
/// </summary>
public class NumericsOverrideTests
{
    private static readonly TimmFixture DmNfnet = new("dm_nfnet_f0_small_64");

    /// <summary>The fixture's model as a variant of DeepMind's F0: the explicit stem 2/4/8 then width[0] / 2 = 16.</summary>
    private const string SmallF0 =
        "variants:\n  f0_small: { base: F0, width: [32, 64, 96, 128], depth: [1, 2, 2, 1], stem: [2, 4, 8], groupWidth: 16, finalConvWidth: 256, trainImageSize: 64 }\n";

    private static float LogitError(string specPath, NumericsProfile? numerics)
    {
        var network = NetworkFactory.Create("f0_small", specPath, numerics: numerics);
        using var model = network.Module;
        ModelWeights.LoadStrict(model, DmNfnet.Safetensors);
        model.eval();
        using var noGrad = no_grad();
        using var logits = model.call(DmNfnet.Input());
        return logits.sub(DmNfnet.Logits()).abs().max().item<float>();
    }

    [Fact]
    public void The_timm_profile_reproduces_timms_logits_and_deepminds_numerics_do_not()
    {
        using var dir = new TempDirectory();
        var spec = Path.Combine(dir.Path, "small.nfnet.yaml");
        File.WriteAllText(spec, SmallF0);

        var deepmind = LogitError(spec, null);
        var timm = LogitError(spec, NumericsProfile.Timm);

        // The fixture's sensitivity table: DeepMind's WS epsilon alone moves these logits by 0.0037, tanh GELU by 0.00047.
        Assert.True(deepmind > 1e-3f, $"DeepMind's numerics differ from timm's by only {deepmind}");
        Assert.True(timm <= 1e-4f, $"the timm profile differs from timm by {timm}");
    }

    [Fact]
    public void Evaluate_takes_the_numerics_profile_from_the_command_line_or_says_what_it_used()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "small.nfnet.yaml"), SmallF0);
        // timm's 1000-class head: a two-image folder, since the built-in set has at most 8 classes.
        foreach (var (folder, colour) in new[] { ("a", new SKColor(200, 30, 30)), ("b", new SKColor(30, 30, 200)) })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, "images", folder));
            using var bitmap = new SKBitmap(80, 70);
            bitmap.Erase(colour);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(dir.Path, "images", folder, "x.png"), data.ToArray());
        }
        string[] args = { "evaluate", "--spec", "small.nfnet.yaml", "--variant", "f0_small", "--weights", DmNfnet.Safetensors, "--data", "images",
            "--image-size", "64" };

        var asTimm = BadInputCli.Run(dir.Path, [.. args, "--numerics", "timm"]);
        var asSpec = BadInputCli.Run(dir.Path, args);

        Assert.True(asTimm.Code == 0, asTimm.Error);
        Assert.Contains("f0_small at 64×64 (WS epsilon timm, GELU erf, padding same): ", asTimm.Out);
        Assert.DoesNotContain("records no numerics", asTimm.Error);
        Assert.Contains("f0_small at 64×64 (WS epsilon deepmind, GELU tanh, padding same): ", asSpec.Out);
        Assert.StartsWith("nfnet evaluate: model.safetensors records no numerics; computing with the variant's own (pass --numerics deepmind|timm to choose)\n",
            asSpec.Error.Replace("\r\n", "\n"));
    }
}
