using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Nfnet.Onnx;
using Nfnet.Serving;
using Nfnet.Training.Models;
using static TorchSharp.torch;

namespace Nfnet.Benchmarks;

/// <summary>
/// `-- onnx [VARIANT] [ROUNDS]`: eval throughput of a variant at its test size in TorchSharp and, exported from the same
/// weights, in ONNX Runtime (CPU), at batch 1 and 8, both on the same thread count. The two runtimes alternate within
/// every round, so background load on a shared machine hits both alike; the median of the rounds is reported, with the
/// exported file size. Weights are random (throughput does not depend on their values).
/// </summary>
internal static class OnnxComparison
{
    public static void Run(string variant, int rounds)
    {
        int threads = get_num_threads();
        var network = NetworkFactory.Create(variant, specPath: null);
        using var model = network.Module;
        model.eval();
        var plan = network.Plan;
        int size = plan.TestImageSize;
        var folder = Directory.CreateTempSubdirectory("nfnet-onnx-bench-").FullName;
        try
        {
            var path = Path.Combine(folder, variant + ".onnx");
            var weightsPath = Path.Combine(folder, variant + ".safetensors");
            Nfnet.Training.Weights.ModelWeights.Export(model, weightsPath);
            var watch = Stopwatch.StartNew();
            var export = OnnxExporter.Export(plan, model.state_dict(), path, new OnnxExportOptions { ImageSize = size });
            var exportSeconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{variant} at {size}×{size}, {plan.ParameterCount:N0} parameters; TorchSharp {threads} threads, ONNX Runtime {threads} intra-op threads; "
                + $"median of {rounds} alternating rounds after one warm-up round.");
            Console.WriteLine($"weights {new FileInfo(weightsPath).Length / 1e6:F1} MB (safetensors F32), ONNX {(export.ModelBytes + export.ExternalDataBytes) / 1e6:F1} MB "
                + $"({export.NodeCount} nodes, opset {export.Opset}), exported in {exportSeconds:F1} s");

            using var classifier = OnnxClassifier.Open(path, threads);
            foreach (int batch in new[] { 1, 8 })
            {
                var images = new float[batch * 3 * size * size];
                var random = new Random(batch);
                for (int i = 0; i < images.Length; i++) images[i] = (float)(random.NextDouble() * 4 - 2);
                using var input = tensor(images).reshape(batch, 3, size, size);
                var torchTimes = new double[rounds];
                var onnxTimes = new double[rounds];
                for (int round = -1; round < rounds; round++)
                {
                    var t = Time(() =>
                    {
                        using var noGrad = no_grad();
                        using var logits = model.call(input);
                    });
                    var o = Time(() => classifier.Logits(images, batch));
                    if (round < 0) continue;
                    torchTimes[round] = t;
                    onnxTimes[round] = o;
                }
                double torchMedian = Median(torchTimes), onnxMedian = Median(onnxTimes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"batch {batch}: TorchSharp {batch / torchMedian,6:F2} img/s ({torchMedian * 1000,7:F0} ms)   ONNX Runtime {batch / onnxMedian,6:F2} img/s ({onnxMedian * 1000,7:F0} ms)   ONNX/TorchSharp {torchMedian / onnxMedian:F2}×"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
