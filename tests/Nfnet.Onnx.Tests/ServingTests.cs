using System;
using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Serving;
using Nfnet.Training.Data;
using SkiaSharp;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// `nfnet predict --onnx` and the Nfnet.Serving library: the same preprocessing and top-5 as `predict --weights`, on
/// ONNX Runtime alone (no TorchSharp loaded, and none needed: the serving probe's folder has none).
/// </summary>
public sealed class ServingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string[] _common;

    public ServingTests()
    {
        var fixture = TimmFixture.Load("nf_regnet_b0_small_64");
        File.Copy(fixture.WeightsPath, _dir.File("w.safetensors"));
        File.Copy(TimmFixture.SpecPath, _dir.File("fixtures.nfnet.yaml"));
        File.WriteAllLines(_dir.File("labels.txt"), Enumerable.Range(0, 1000).Select(i => $"label-{i}"));
        TestImages.Write(_dir.File("wide.png"), 80, 70, seed: 1);
        TestImages.Write(_dir.File("tall.jpg"), 50, 90, seed: 2, SKEncodedImageFormat.Jpeg);
        File.WriteAllText(_dir.File("bad.png"), "not a png");
        _common = new[] { "--spec", "fixtures.nfnet.yaml", "--variant", "nf_regnet_b0_small" };
        var export = Nfnet("export", "--format", "onnx", "--weights", "w.safetensors", "--spec", "fixtures.nfnet.yaml", "--variant", "nf_regnet_b0_small",
            "--image-size", "64", "--labels", "labels.txt", "--out", "model.onnx");
        Assert.True(export.Code == 0, export.Error);
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Error) Nfnet(params string[] args) => InProcessCli.Run(_dir.Path, args);

    [Fact]
    public void Export_says_what_it_wrote()
    {
        var export = Nfnet("export", "--weights", "w.safetensors", "--spec", "fixtures.nfnet.yaml", "--variant", "nf_regnet_b0_small", "--image-size", "64",
            "--batch-size", "4", "--out", "fixed.onnx");
        Assert.True(export.Code == 0, export.Error);
        var lines = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nfnet export: nf_regnet_b0_small at 64×64, batch 4, wsEpsilon=timm gelu=erf padding=symmetric", lines[0]);
        Assert.Matches(@"^wrote fixed\.onnx \(1\.\d MB, opset 20, \d+ nodes\)$", lines[1]);
        Assert.Equal("input 'image' [4, 3, 64, 64] float32 (normalized image), output 'logits' [4, 1000]", lines[2]);
        Assert.Equal("preprocessing (recorded in the model): deepmind (shorter side 96, centre 64), mean 0.485, 0.456, 0.406, std 0.229, 0.224, 0.225", lines[3]);
        using var classifier = OnnxClassifier.Open(_dir.File("fixed.onnx"));
        Assert.Equal(4, classifier.BatchSize);
        Assert.Equal(64, classifier.ImageSize);
        Assert.Equal("nf_regnet_b0_small", classifier.Variant);
        Assert.Null(classifier.ClassNames);
    }

    [Fact]
    public void Predict_onnx_prints_what_predict_with_the_weights_prints()
    {
        var torch = Nfnet(new[] { "predict", "--weights", "w.safetensors", "--image-size", "64", "--labels", "labels.txt" }.Concat(_common)
            .Concat(new[] { "wide.png", "tall.jpg", "bad.png" }).ToArray());
        var onnx = Nfnet("predict", "--onnx", "model.onnx", "wide.png", "tall.jpg", "bad.png");

        Assert.Equal(1, torch.Code);
        Assert.Equal(1, onnx.Code);
        Assert.Equal(12, onnx.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("wide.png\n  1. label-", onnx.Out);
        Assert.Equal(torch.Out, onnx.Out);
        Assert.Contains("warning: skipping unreadable image", onnx.Error);
        Assert.Contains("bad.png", onnx.Error);
    }

    [Fact]
    public void Predict_rejects_both_or_neither_model_and_a_size_the_model_was_not_exported_for()
    {
        var both = Nfnet("predict", "--onnx", "model.onnx", "--weights", "w.safetensors", "wide.png");
        Assert.Equal(ExitCodes.Usage, both.Code);
        Assert.Contains("give either --weights (TorchSharp) or --onnx (ONNX Runtime)", both.Error);
        var neither = Nfnet("predict", "wide.png");
        Assert.Equal(ExitCodes.Usage, neither.Code);
        var size = Nfnet("predict", "--onnx", "model.onnx", "--image-size", "96", "wide.png");
        Assert.Equal(ExitCodes.Usage, size.Code);
        Assert.Contains("was exported for 64×64", size.Error);
        var missing = Nfnet("predict", "--onnx", "nothing.onnx", "wide.png");
        Assert.Equal(ExitCodes.SpecErrors, missing.Code);
        Assert.Contains("no such ONNX model", missing.Error);
    }

    [Fact]
    public void The_classifier_preprocesses_exactly_as_predict_and_evaluate_do()
    {
        using var classifier = OnnxClassifier.Open(_dir.File("model.onnx"));
        var files = new[] { "wide.png", "tall.jpg" }.Select(f => new LabelledFile(_dir.File(f), 0)).ToList();
        var dataset = new ImageFileDataset(files, new[] { "?" }, 64, training: false, TextWriter.Null);
        for (int i = 0; i < files.Count; i++)
        {
            var expected = new float[3 * 64 * 64];
            dataset.Load(i, expected, augmentation: null);
            Assert.Equal(expected, classifier.Preprocess(files[i].Path));
        }
    }

    [Fact]
    public void The_serving_library_runs_in_a_program_without_TorchSharp()
    {
        var folder = Path.GetDirectoryName(Programs.Probe)!;
        Assert.DoesNotContain(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(Path.Combine(folder, "Microsoft.ML.OnnxRuntime.dll")));

        var probe = Programs.Run(Programs.Probe, _dir.Path, Array.Empty<(string, string)>(), "model.onnx", "wide.png", "tall.jpg");
        Assert.True(probe.Code == 0, probe.Error);
        var torch = Nfnet(new[] { "predict", "--weights", "w.safetensors", "--image-size", "64", "--labels", "labels.txt" }.Concat(_common)
            .Concat(new[] { "wide.png", "tall.jpg" }).ToArray());
        Assert.StartsWith(torch.Out, probe.Out);
        Assert.Contains("assembly: Microsoft.ML.OnnxRuntime\n", probe.Out);
        Assert.DoesNotContain("TorchSharp", probe.Out);
        Assert.DoesNotContain("native: ", probe.Out);
    }

    [Fact]
    public void Nfnet_predict_onnx_loads_no_TorchSharp_where_predict_weights_does()
    {
        string Report(params string[] args)
        {
            var report = _dir.File($"report-{Guid.NewGuid():N}.txt");
            var run = Programs.Run(Programs.Cli, _dir.Path, new[] { ("DOTNET_STARTUP_HOOKS", Programs.Probe), ("NFNET_PROBE_REPORT", report) }, args);
            Assert.True(run.Code == 0, run.Error);
            return File.ReadAllText(report);
        }

        var onnx = Report("predict", "--onnx", "model.onnx", "wide.png");
        Assert.Contains("assembly: Microsoft.ML.OnnxRuntime\n", onnx);
        Assert.DoesNotContain("assembly: TorchSharp", onnx);
        Assert.DoesNotContain("native: ", onnx);

        // The same report does see TorchSharp and libtorch when the command uses them.
        var torch = Report(new[] { "predict", "--weights", "w.safetensors", "--image-size", "64" }.Concat(_common).Append("wide.png").ToArray());
        Assert.Contains("assembly: TorchSharp\n", torch);
        Assert.Contains("libtorch", torch);
    }

    [Fact]
    public void Nfnet_Serving_references_neither_TorchSharp_nor_the_assemblies_that_do()
    {
        var seen = new System.Collections.Generic.HashSet<string>();
        var pending = new System.Collections.Generic.Stack<System.Reflection.Assembly>();
        pending.Push(typeof(OnnxClassifier).Assembly);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!)) continue;
                if (reference.Name!.StartsWith("Nfnet.", StringComparison.Ordinal))
                    pending.Push(System.Reflection.Assembly.Load(reference));
            }
        }
        Assert.Contains("Nfnet.Imaging", seen);
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
        Assert.DoesNotContain("TorchSharp", seen);
        Assert.DoesNotContain("Nfnet.Runtime", seen);
        Assert.DoesNotContain("Nfnet.Training", seen);
    }
}
