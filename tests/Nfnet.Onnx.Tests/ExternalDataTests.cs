using System.IO;
using System.Linq;
using Nfnet.Training.Models;
using Onnx;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// Models above the threshold (1 GB by default; protobuf caps a file at 2 GB) keep their tensors in external data beside
/// the .onnx file; ONNX Runtime loads them from there. A lowered threshold makes a small model take that path in the
/// fast suite; <see cref="A_model_above_1_GB_is_written_with_external_data_and_runs"/> does it at the real size.
/// </summary>
public class ExternalDataTests
{
    private const string Spec = """
        variants:
          small: { width: [16, 32], depth: [1, 1], groupWidth: 8, stem: [8], trainImageSize: 32, numClasses: 10 }
          # A small body under a classifier of 600,000 classes × 512 features: 1.23 GB of weights.
          huge_head: { base: small, finalConvWidth: 512, numClasses: 600000 }
        """;

    [Fact]
    public void Tensors_above_the_threshold_go_to_external_data_that_ONNX_Runtime_reads()
    {
        var plan = Reference.Compile(Spec).Single(p => p.Name == "small");
        using var model = new PlanModel(plan);
        RandomWeights.Randomize(model, seed: 4);
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("small.onnx.data"), "stale");

        var result = Reference.Compare(model, plan, 32, dir.Path, new OnnxExportOptions { ImageSize = 32, ExternalDataThreshold = 0 });
        Reference.AssertMatches("external data", result);

        var modelPath = dir.File("small.onnx");
        var dataPath = dir.File("small.onnx.data");
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var external = proto.Graph.Initializer.Where(t => t.DataLocation == TensorProto.Types.DataLocation.External).ToList();
        Assert.Contains(external, t => t.Name == "stages.1.0.conv2.weight");
        Assert.All(proto.Graph.Initializer.Except(external), t => Assert.True(t.RawData.Length < 1024, $"{t.Name} stayed inside ({t.RawData.Length} bytes)"));
        foreach (var tensor in external)
        {
            var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
            Assert.Equal("small.onnx.data", entries["location"]);
            Assert.Equal(0, long.Parse(entries["offset"]) % 4096);
            Assert.Equal(tensor.Dims.Aggregate(4L, (a, d) => a * d), long.Parse(entries["length"]));
        }
        Assert.True(new FileInfo(dataPath).Length > new FileInfo(modelPath).Length);

        // Exporting it again with everything inside removes the now stale data file.
        var inline = OnnxExporter.Export(plan, model.state_dict(), modelPath, new OnnxExportOptions { ImageSize = 32 });
        Assert.Null(inline.ExternalDataPath);
        Assert.False(File.Exists(dataPath));
    }

    [LargeFact]
    public void A_model_above_1_GB_is_written_with_external_data_and_runs()
    {
        var plan = Reference.Compile(Spec).Single(p => p.Name == "huge_head");
        using var model = new PlanModel(plan);
        RandomWeights.Randomize(model, seed: 6);
        using var dir = new TempDirectory();

        var result = Reference.Compare(model, plan, 32, dir.Path);
        Reference.AssertMatches("huge_head", result);
        Assert.True(new FileInfo(dir.File("huge_head.onnx.data")).Length > OnnxExportOptions.DefaultExternalDataThreshold);
        Assert.True(new FileInfo(dir.File("huge_head.onnx")).Length < 1_000_000);
    }
}
