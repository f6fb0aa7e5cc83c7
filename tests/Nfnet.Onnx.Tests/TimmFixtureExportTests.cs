using System.IO;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// Each timm fixture exported from its safetensors at its input size (63, 64 or 65: even and odd feature maps, partial
/// average-pool windows) and run in ONNX Runtime gives real timm's logits and the TorchSharp eval forward's within 1e-4.
/// </summary>
public class TimmFixtureExportTests
{
    public const float Tolerance = 1e-4f;

    [Theory]
    [MemberData(nameof(TimmFixture.Cases), MemberType = typeof(TimmFixture))]
    public void The_exported_fixture_reproduces_timm_and_the_TorchSharp_forward(string caseName)
    {
        var fixture = TimmFixture.Load(caseName);
        var plan = fixture.Plan();
        var (input, shape) = fixture.Input();
        using var dir = new TempDirectory();
        var modelPath = dir.File("model.onnx");

        using var weights = TrainedWeights.Read(fixture.WeightsPath);
        var result = OnnxExporter.Export(plan, weights.Tensors, modelPath, new OnnxExportOptions { ImageSize = (int)shape[2] });
        Assert.Null(result.ExternalDataPath);
        Assert.True(File.Exists(modelPath));

        var onnx = Ort.Run(modelPath, input, shape);
        var timmDiff = Ort.MaxAbsDiff(fixture.Logits().Values, onnx);
        Assert.True(timmDiff <= Tolerance, $"{caseName}: ONNX Runtime's logits differ from timm's by {timmDiff:G3}");

        using var scope = NewDisposeScope();
        using var model = weights.CreateNetwork(plan.Name, TimmFixture.SpecPath).Module;
        model.eval();
        using var noGrad = no_grad();
        var torchLogits = model.call(tensor(input).reshape(shape)).data<float>().ToArray();
        var torchDiff = Ort.MaxAbsDiff(torchLogits, onnx);
        Assert.True(torchDiff <= Tolerance, $"{caseName}: ONNX Runtime's logits differ from TorchSharp's by {torchDiff:G3}");
    }
}
