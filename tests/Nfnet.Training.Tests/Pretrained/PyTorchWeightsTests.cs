using System.IO;
using System.Linq;
using Nfnet.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>PyTorch state_dict files (torch.save) load like safetensors: same tensors, same strict checks, same errors.</summary>
public class PyTorchWeightsTests
{
    private static readonly TimmFixture TestNfnet = new("test_nfnet_64");

    [Fact]
    public void A_torch_save_file_holds_exactly_the_tensors_of_the_safetensors_file()
    {
        using var pth = WeightFiles.Read(TestNfnet.Pth);
        using var safetensors = WeightFiles.Read(TestNfnet.Safetensors);

        Assert.Equal(93, pth.Tensors.Count);
        Assert.Equal(safetensors.Tensors.Keys.OrderBy(k => k), pth.Tensors.Keys.OrderBy(k => k));
        foreach (var (name, tensor) in safetensors.Tensors)
        {
            Assert.Equal(tensor.shape, pth.Tensors[name].shape);
            Assert.True(tensor.eq(pth.Tensors[name]).all().item<bool>(), name);
        }
    }

    [Fact]
    public void Timms_torch_save_file_loads_strictly_and_gives_timms_logits()
    {
        using var model = NfnetZoo.Create("test_nfnet");
        ModelWeights.LoadStrict(model, TestNfnet.Pth);
        model.eval();

        using var noGrad = no_grad();
        using var logits = model.call(TestNfnet.Input());
        Assert.True(logits.sub(TestNfnet.Logits()).abs().max().item<float>() <= 1e-4f);
    }

    [Fact]
    public void A_damaged_torch_save_file_is_one_line_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        var damaged = Path.Combine(dir.Path, "model.pth");
        var bytes = File.ReadAllBytes(TestNfnet.Pth);
        File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);
        using var model = NfnetZoo.Create("test_nfnet");
        var before = model.state_dict()["stem.conv1.weight"].clone();

        var error = Assert.Throws<PyTorchFormatException>(() => ModelWeights.LoadStrict(model, damaged));

        Assert.StartsWith($"{damaged}: not a readable PyTorch state_dict (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(before.eq(model.state_dict()["stem.conv1.weight"]).all().item<bool>());
    }

    [Fact]
    public void A_torch_save_file_of_another_model_lists_every_mismatch_and_loads_nothing()
    {
        using var model = NfnetZoo.Create("nf_regnet_b0", numClasses: 10);
        var before = model.state_dict()["stem.conv.weight"].clone();

        var error = Assert.Throws<WeightMismatchException>(() => ModelWeights.LoadStrict(model, TestNfnet.Pth));

        Assert.Contains("missing: stem.conv.weight [40, 3, 3, 3]", error.Problems);
        Assert.Contains("unexpected: stem.conv1.weight [16, 3, 3, 3]", error.Problems);
        Assert.True(before.eq(model.state_dict()["stem.conv.weight"]).all().item<bool>());
    }
}
