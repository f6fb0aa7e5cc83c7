using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>Exports a TorchSharp network's own state_dict and compares ONNX Runtime's logits with the network's eval forward.</summary>
internal static class Reference
{
    public const float Tolerance = 1e-4f;

    /// <summary>
    /// Exports <paramref name="model"/> (built from <paramref name="plan"/>) at <paramref name="imageSize"/>, runs a batch
    /// of 2 seeded N(0, 1) images through ONNX Runtime and the model, and returns the max |difference| and the logits' scale.
    /// </summary>
    public static (float Diff, float MaxAbsLogit) Compare(nn.Module<Tensor, Tensor> model, ModelPlan plan, int imageSize, string folder, OnnxExportOptions? options = null)
    {
        var path = Path.Combine(folder, plan.Name + ".onnx");
        var weights = model.state_dict();
        OnnxExporter.Export(plan, weights, path, (options ?? new OnnxExportOptions { ImageSize = imageSize }) with { ImageSize = imageSize });

        using var scope = NewDisposeScope();
        manual_seed(7);
        var input = randn(2, 3, imageSize, imageSize);
        model.eval();
        float[] expected;
        using (no_grad())
            expected = model.call(input).data<float>().ToArray();
        var actual = Ort.Run(path, input.data<float>().ToArray(), input.shape);
        return (Ort.MaxAbsDiff(expected, actual), expected.Max(v => System.Math.Abs(v)));
    }

    /// <summary>Asserts the comparison, and that the logits are not so small that any error would pass.</summary>
    public static void AssertMatches(string what, (float Diff, float MaxAbsLogit) result)
    {
        Assert.True(result.MaxAbsLogit > 0.05f, $"{what}: logits of at most {result.MaxAbsLogit:G3} would hide errors");
        Assert.True(result.Diff <= Tolerance, $"{what}: ONNX Runtime's logits differ from TorchSharp's by {result.Diff:G3} (max |logit| {result.MaxAbsLogit:G3})");
    }

    public static IReadOnlyList<ModelPlan> Compile(string yaml) => ModelSpecs.Compile("families.nfnet.yaml", yaml);
}
