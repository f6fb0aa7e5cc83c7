using System;
using System.IO;
using Nfnet.Cli;
using Nfnet.Dsl.Lowering;
using Nfnet.Serving;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>`nfnet export` through the real command line: --numerics, the variant and numerics recorded in the weights, and bad input.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ExportCommandTests()
    {
        var fixture = TimmFixture.Load("dm_nfnet_f0_small_64");
        File.Copy(fixture.WeightsPath, _dir.File("w.safetensors"));
        File.Copy(TimmFixture.SpecPath, _dir.File("fixtures.nfnet.yaml"));
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Error) Nfnet(params string[] args) => InProcessCli.Run(_dir.Path, args);

    [Fact]
    public void Numerics_deepmind_exports_deepminds_weight_standardization_and_gelu()
    {
        var run = Nfnet("export", "--format", "onnx", "--weights", "w.safetensors", "--spec", "fixtures.nfnet.yaml", "--variant", "dm_nfnet_f0_small",
            "--numerics", "deepmind", "--out", "dm.onnx");
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("wsEpsilon=deepmind gelu=tanh padding=same", run.Out);

        var fixture = TimmFixture.Load("dm_nfnet_f0_small_64");
        var (input, shape) = fixture.Input();
        var onnx = Ort.Run(_dir.File("dm.onnx"), input, shape);
        // timm's own numerics give other logits: the option changed the graph ...
        Assert.True(Ort.MaxAbsDiff(fixture.Logits().Values, onnx) > 1e-3f);
        // ... to what the TorchSharp network computes under DeepMind's numerics.
        var plan = fixture.Plan() with { Numerics = new NumericsPlan(WsEpsilon.DeepMind, GeluForm.Tanh, PaddingMode.Same) };
        using var model = new PlanModel(plan);
        ModelWeights.LoadStrict(model, fixture.WeightsPath);
        model.eval();
        using var noGrad = no_grad();
        var expected = model.call(tensor(input).reshape(shape)).data<float>().ToArray();
        Assert.True(Ort.MaxAbsDiff(expected, onnx) <= Reference.Tolerance);
    }

    [Fact]
    public void Without_numerics_the_export_computes_with_the_numerics_the_weights_record()
    {
        // The fixture is timm's dm_nfnet_f0 (its own numerics: timm's); a copy records that it was trained with DeepMind's.
        var fixture = TimmFixture.Load("dm_nfnet_f0_small_64");
        using (var model = new PlanModel(fixture.Plan()))
        {
            ModelWeights.LoadStrict(model, fixture.WeightsPath);
            ModelWeights.Export(model, _dir.File("dm.safetensors"), metadata: new System.Collections.Generic.Dictionary<string, string>
            {
                ["variant"] = "dm_nfnet_f0_small", ["numerics"] = "deepmind",
            });
        }
        var common = new[] { "export", "--weights", "dm.safetensors", "--spec", "fixtures.nfnet.yaml", "--image-size", "64" };
        var recorded = Nfnet([.. common, "--out", "recorded.onnx"]);
        var spec = Nfnet([.. common, "--numerics", "spec", "--out", "spec.onnx"]);
        var unrecorded = Nfnet("export", "--weights", "w.safetensors", "--spec", "fixtures.nfnet.yaml", "--variant", "dm_nfnet_f0_small", "--out", "own.onnx");

        Assert.True(recorded.Code == 0, recorded.Error);
        Assert.StartsWith("nfnet export: dm_nfnet_f0_small at 64×64, batch dynamic, wsEpsilon=deepmind gelu=tanh padding=same\n", recorded.Out);
        Assert.Equal("", recorded.Error);
        Assert.True(spec.Code == 0, spec.Error);
        Assert.Contains("wsEpsilon=timm gelu=erf padding=same", spec.Out);
        Assert.True(unrecorded.Code == 0, unrecorded.Error);
        Assert.Contains("nfnet export: w.safetensors records no numerics; computing with the variant's own (pass --numerics deepmind|timm to choose)", unrecorded.Error);

        var (input, shape) = fixture.Input();
        using (var classifier = OnnxClassifier.Open(_dir.File("recorded.onnx")))
            Assert.Equal("dm_nfnet_f0_small", classifier.Variant);
        // The recorded numerics give what TorchSharp computes under DeepMind's, and not timm's logits ...
        using var weights = TrainedWeights.Read(_dir.File("dm.safetensors"));
        using var deepmind = weights.CreateNetwork(fixture.Plan(), builtIn: false, global::Nfnet.Runtime.NumericsProfile.DeepMind).Module;
        deepmind.eval();
        float[] expected;
        using (no_grad())
            expected = deepmind.call(tensor(input).reshape(shape)).data<float>().ToArray();
        var onnx = Ort.Run(_dir.File("recorded.onnx"), input, shape);
        Assert.True(Ort.MaxAbsDiff(expected, onnx) <= Reference.Tolerance);
        Assert.True(Ort.MaxAbsDiff(fixture.Logits().Values, onnx) > 1e-3f);
        // ... and --numerics spec overrides the record: the variant's own numerics, timm's logits.
        Assert.True(Ort.MaxAbsDiff(fixture.Logits().Values, Ort.Run(_dir.File("spec.onnx"), input, shape)) <= Reference.Tolerance);
    }

    [Fact]
    public void Without_variant_or_size_the_weights_metadata_decides()
    {
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "test_nfnet");
        using var model = new PlanModel(plan, numClasses: 3);
        ModelWeights.Export(model, _dir.File("t.safetensors"), metadata: new System.Collections.Generic.Dictionary<string, string>
        {
            ["variant"] = "test_nfnet", ["image_size"] = "48", ["classes"] = "a\nb\nc",
        });
        var run = Nfnet("export", "--weights", "t.safetensors", "--out", "t.onnx");
        Assert.True(run.Code == 0, run.Error);
        Assert.StartsWith("nfnet export: test_nfnet at 48×48, batch dynamic", run.Out);
        using var classifier = OnnxClassifier.Open(_dir.File("t.onnx"));
        Assert.Equal(new[] { "a", "b", "c" }, classifier.ClassNames);
        Assert.Equal(48, classifier.ImageSize);
        Assert.Null(classifier.BatchSize);
    }

    [Theory]
    [InlineData(ExitCodes.SpecErrors, "no such weights file", "--weights", "nope.safetensors", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "unknown variant 'f0'; did you mean 'F0'?", "--weights", "w.safetensors", "--variant", "f0", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "--batch-size must be 'dynamic' or a whole number of at least 1, got '0'", "--weights", "w.safetensors", "--batch-size", "0", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "Argument 'jax' not recognized. Must be one of", "--weights", "w.safetensors", "--numerics", "jax", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "Argument 'tflite' not recognized. Must be one of", "--weights", "w.safetensors", "--format", "tflite", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "is a folder", "--weights", "w.safetensors", "--out", ".")]
    [InlineData(ExitCodes.Usage, "smaller than dm_nfnet_f0_small's total stride 32", "--weights", "w.safetensors", "--spec", "fixtures.nfnet.yaml", "--variant", "dm_nfnet_f0_small", "--image-size", "16", "--out", "m.onnx")]
    [InlineData(ExitCodes.SpecErrors, "does not match the model (", "--weights", "w.safetensors", "--variant", "F0", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "w.safetensors does not record its variant (it was not written by nfnet train); pass --variant NAME", "--weights", "w.safetensors", "--out", "m.onnx")]
    [InlineData(ExitCodes.Usage, "Argument 'inception' not recognized. Must be one of", "--weights", "w.safetensors", "--preprocess", "inception", "--out", "m.onnx")]
    public void Bad_input_is_one_clear_line_and_writes_nothing(int code, string message, params string[] args)
    {
        var run = Nfnet(["export", .. args]);
        Assert.Equal(code, run.Code);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(_dir.File("m.onnx")));
    }
}
