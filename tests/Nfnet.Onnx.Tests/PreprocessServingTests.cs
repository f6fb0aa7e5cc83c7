using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Nfnet.Cli;
using Nfnet.Imaging;
using Nfnet.Serving;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Onnx;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// `nfnet export --preprocess`: the preset and its parameters recorded in the model, and `predict --onnx` applying them.
/// test_nfnet is the variant: its timm preprocessing (crop_pct 0.95, centre mode, mean and std 0.5) differs from
/// deepmind's in geometry, filter and statistics.
/// </summary>
public sealed class PreprocessServingTests : IDisposable
{
    private const int Size = 64;
    private readonly TempDirectory _dir = new();
    private readonly string[] _images;

    public PreprocessServingTests()
    {
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "test_nfnet");
        using (var model = new PlanModel(plan, numClasses: 5))
        {
            RandomWeights.Randomize(model, seed: 11);
            ModelWeights.Export(model, _dir.File("t.safetensors"), metadata: new Dictionary<string, string>
            {
                ["variant"] = "test_nfnet", ["image_size"] = "64", ["classes"] = "a\nb\nc\nd\ne", ["numerics"] = "spec",
            });
        }
        _images = new[] { TestImages.Write(_dir.File("wide.png"), 80, 70, seed: 3), TestImages.Write(_dir.File("tall.png"), 50, 90, seed: 4) };
        foreach (var preset in new[] { "timm", "deepmind" })
        {
            var export = Nfnet("export", "--weights", "t.safetensors", "--preprocess", preset, "--out", $"{preset}.onnx");
            Assert.True(export.Code == 0, export.Error);
        }
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Error) Nfnet(params string[] args) => InProcessCli.Run(_dir.Path, args);

    [Fact]
    public void The_model_records_the_preset_and_its_parameters()
    {
        using (var session = new InferenceSession(_dir.File("timm.onnx")))
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal("timm", metadata["nfnet.preprocess"]);
            Assert.Equal("0.95", metadata["nfnet.preprocess.crop_pct"]);
            Assert.Equal("center", metadata["nfnet.preprocess.crop_mode"]);
            Assert.Equal("0.5,0.5,0.5", metadata["nfnet.preprocess.mean"]);
            Assert.Equal("0.5,0.5,0.5", metadata["nfnet.preprocess.std"]);
        }
        using (var session = new InferenceSession(_dir.File("deepmind.onnx")))
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal("deepmind", metadata["nfnet.preprocess"]);
            Assert.False(metadata.ContainsKey("nfnet.preprocess.crop_pct"));
            Assert.Equal("0.485,0.456,0.406", metadata["nfnet.preprocess.mean"]);
            Assert.Equal("0.229,0.224,0.225", metadata["nfnet.preprocess.std"]);
        }
        using var classifier = OnnxClassifier.Open(_dir.File("timm.onnx"));
        Assert.Equal(PreprocessPreset.Timm(0.95, CropMode.Center, new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.5f, 0.5f, 0.5f }), classifier.Preset);
    }

    [Fact]
    public void Serving_applies_timms_geometry_filter_and_statistics()
    {
        // wide.png is 80×70: the shorter side goes to floor(64 / 0.95) = 67, the longer to int(67 · 80 / 70) = 76; the
        // crop starts at round(12 / 2) = 6 and round(3 / 2) = 2 (half to even); then (v / 255 − 0.5) / 0.5.
        var image = ImageDecoder.Decode(_images[0]);
        var resized = BicubicResize.Resize(image.Pixels, 80, 70, 76, 67);
        var expected = new float[3 * Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                for (int c = 0; c < 3; c++)
                    expected[c * Size * Size + y * Size + x] = (resized[((y + 2) * 76 + x + 6) * 3 + c] / 255f - 0.5f) / 0.5f;

        using var classifier = OnnxClassifier.Open(_dir.File("timm.onnx"));
        Assert.Equal(expected, classifier.Preprocess(_images[0]));
    }

    [Fact]
    public void A_timm_export_gives_the_logits_of_the_TorchSharp_network_on_timm_preprocessed_images()
    {
        using var weights = TrainedWeights.Read(_dir.File("t.safetensors"));
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "test_nfnet");
        using var model = weights.CreateNetwork(plan, builtIn: true).Module;
        model.eval();
        var files = _images.Select(f => new LabelledFile(f, 0)).ToList();
        var dataset = new ImageFileDataset(files, new[] { "?" }, Size, training: false, TextWriter.Null, EvalPreprocessing.ForPlan(plan, "timm"));
        using var timm = OnnxClassifier.Open(_dir.File("timm.onnx"));
        using var deepmind = OnnxClassifier.Open(_dir.File("deepmind.onnx"));

        for (int i = 0; i < files.Count; i++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (batch, _) = BatchLoader.Load(dataset, new[] { i }, seed: 0, augmentationKey: null, CPU);
            var expected = model.call(batch).data<float>().ToArray();
            var onnx = timm.Logits(timm.Preprocess(files[i].Path), 1);
            Assert.True(expected.Max(Math.Abs) > 0.05f, $"logits of at most {expected.Max(Math.Abs):G3} would hide errors");
            Assert.True(Ort.MaxAbsDiff(expected, onnx) <= Reference.Tolerance, $"{files[i].Path}: differs by {Ort.MaxAbsDiff(expected, onnx):G3}");
            // The same weights on deepmind-preprocessed input give other logits: the recorded preset is what decided.
            Assert.True(Ort.MaxAbsDiff(expected, deepmind.Logits(deepmind.Preprocess(files[i].Path), 1)) > 1e-3f);
        }
    }

    [Fact]
    public void Predict_onnx_prints_what_predict_preprocess_timm_prints()
    {
        var torch = Nfnet(new[] { "predict", "--weights", "t.safetensors", "--preprocess", "timm" }.Concat(_images).ToArray());
        var onnx = Nfnet(new[] { "predict", "--onnx", "timm.onnx" }.Concat(_images).ToArray());
        Assert.True(torch.Code == 0, torch.Error);
        Assert.True(onnx.Code == 0, onnx.Error);
        Assert.StartsWith("wide.png\n  1. ", onnx.Out);
        Assert.Equal(torch.Out, onnx.Out);
    }

    [Fact]
    public void A_model_exported_before_the_preset_was_recorded_is_served_with_deepminds()
    {
        Rewrite("deepmind.onnx", "old.onnx", metadata => metadata.RemoveAll(e => e.Key.StartsWith("nfnet.preprocess", StringComparison.Ordinal)));
        Rewrite("deepmind.onnx", "name-only.onnx", metadata => metadata.RemoveAll(e => e.Key.StartsWith("nfnet.preprocess.", StringComparison.Ordinal)));
        var dataset = new ImageFileDataset(new[] { new LabelledFile(_images[1], 0) }, new[] { "?" }, Size, training: false, TextWriter.Null);
        var expected = new float[3 * Size * Size];
        dataset.Load(0, expected, augmentation: null);

        foreach (var name in new[] { "old.onnx", "name-only.onnx" })
        {
            using var classifier = OnnxClassifier.Open(_dir.File(name));
            Assert.Same(PreprocessPreset.DeepMind, classifier.Preset);
            Assert.Equal(expected, classifier.Preprocess(_images[1]));
        }
    }

    [Fact]
    public void An_unknown_preset_is_one_line_naming_the_file_and_the_key()
    {
        Rewrite("timm.onnx", "inception.onnx", metadata => metadata.Single(e => e.Key == "nfnet.preprocess").Value = "inception");

        var run = Nfnet("predict", "--onnx", "inception.onnx", "wide.png");

        Assert.Equal(ExitCodes.SpecErrors, run.Code);
        Assert.Equal($"nfnet predict: {_dir.File("inception.onnx")}: metadata nfnet.preprocess 'inception' is not a known preprocessing preset (known: deepmind, timm)\n",
            run.Error);
        Assert.Equal("", run.Out);
    }

    // Writes a copy of a model with its metadata_props edited, as an older or a damaged export would have them.
    private void Rewrite(string from, string to, Action<List<StringStringEntryProto>> edit)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_dir.File(from)));
        var metadata = model.MetadataProps.ToList();
        edit(metadata);
        model.MetadataProps.Clear();
        model.MetadataProps.Add(metadata);
        File.WriteAllBytes(_dir.File(to), model.ToByteArray());
    }
}
