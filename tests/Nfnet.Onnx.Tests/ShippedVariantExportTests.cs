using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// Shipped variants as the generated classes of Nfnet.Models (what `nfnet train` and `predict` build), one per family,
/// exported at 64 px (the pads follow the size; the weights do not depend on it) and run in ONNX Runtime. F0: FullSizeTests.
/// </summary>
public class ShippedVariantExportTests
{
    [Theory]
    [InlineData("test_nfnet")]
    [InlineData("nf_regnet_b0")]
    [InlineData("nf_ecaresnet26")]
    [InlineData("nf_seresnet26")]
    public void The_shipped_variant_matches_the_TorchSharp_forward(string variant)
    {
        var network = NetworkFactory.Create(variant, specPath: null, numClasses: 10);
        using var model = network.Module;
        RandomWeights.Randomize(model, seed: 2);
        using var dir = new TempDirectory();
        Reference.AssertMatches(variant, Reference.Compare(model, network.Plan with { NumClasses = 10 }, 64, dir.Path));
    }

    [Fact]
    public void Weights_that_do_not_fit_the_plan_are_refused_with_every_problem_and_nothing_is_written()
    {
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "test_nfnet");
        using var model = new PlanModel(plan, numClasses: 4);
        var weights = new Dictionary<string, Tensor>(model.state_dict());
        weights.Remove("stem.conv1.gain");
        weights["stages.0.0.conv1.weight"] = zeros(3, 3, 1, 1);
        weights["extra.weight"] = zeros(1);
        using var dir = new TempDirectory();

        var error = Assert.Throws<WeightMismatchException>(() =>
            OnnxExporter.Export(plan, weights, dir.File("m.onnx"), new OnnxExportOptions { ImageSize = 32, Source = "w.safetensors" }));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("missing: stem.conv1.gain", error.Problems[2]);
        Assert.StartsWith("shape mismatch: stages.0.0.conv1.weight is [3, 3, 1, 1] in the file", error.Problems[1]);
        Assert.StartsWith("unexpected: extra.weight", error.Problems[0]);
        Assert.StartsWith("w.safetensors does not match the model (3 problems)", error.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
