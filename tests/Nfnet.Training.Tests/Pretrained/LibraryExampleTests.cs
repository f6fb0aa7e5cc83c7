using System;
using System.IO;
using System.Linq;
using Nfnet.Models;
using Nfnet.Runtime;
using Nfnet.Runtime.Optim;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>The README's fine-tuning example, line for line, on timm's test_nfnet weights.</summary>
public class LibraryExampleTests
{
    private static readonly TimmFixture TestNfnet = new("test_nfnet_64");

    [Fact]
    public void The_readme_example_fine_tunes_timms_weights_with_a_new_head()
    {
        manual_seed(7);
        // --- README: "Fine-tuning from C#" ---
        using var model = NfnetZoo.Create("test_nfnet", numClasses: 10, numerics: NumericsProfile.Timm);
        using var pretrained = WeightFiles.Read(TestNfnet.Pth);                         // or a .safetensors file
        var report = FineTuning.LoadPretrained(model, pretrained.Tensors, "model.pth");  // head.fc starts fresh
        FineTuning.Freeze(model, ["stem"]);
        using var optimizer = AgcSgd.ForNfnet(model, lr: 0.05);
        // ---

        Assert.Equal(["head.fc.bias [10]", "head.fc.weight [10, 192]"], report.Reinitialized);
        Assert.Equal(91, report.Loaded.Count);
        var images = randn(8, 3, 32, 32);
        var labels = arange(8, dtype: ScalarType.Int64) % 10;
        var stem = model.state_dict()["stem.conv1.weight"].clone();
        float first = 0, last = 0;
        for (int step = 0; step < 8; step++)
        {
            using var scope = NewDisposeScope();
            // --- README: one training step ---
            model.train();
            var loss = nn.functional.cross_entropy(model.call(images), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            // ---
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first, $"loss {first} → {last}");
        Assert.True(stem.eq(model.state_dict()["stem.conv1.weight"]).all().item<bool>(), "the frozen stem changed");
    }

    [Fact]
    public void The_readme_shows_the_example_that_is_tested()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        foreach (var line in new[]
                 {
                     "using var model = NfnetZoo.Create(\"dm_nfnet_f0\", numClasses: 10, numerics: NumericsProfile.Timm);",
                     "using var pretrained = WeightFiles.Read(\"dm_nfnet_f0.pth\");",
                     "var report = FineTuning.LoadPretrained(model, pretrained.Tensors, \"dm_nfnet_f0.pth\");",
                     "FineTuning.Freeze(model, [\"stem\"]);",
                     "using var optimizer = AgcSgd.ForNfnet(model, lr: 0.05);",
                     "var loss = nn.functional.cross_entropy(model.call(images), labels);",
                 })
            Assert.Contains(line, readme);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NfnetDsl.sln")))
                return dir.FullName;
        throw new InvalidOperationException("NfnetDsl.sln not found");
    }
}
