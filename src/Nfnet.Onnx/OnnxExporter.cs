using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Nfnet.Dsl.Lowering;
using Nfnet.Imaging;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Onnx;
using static TorchSharp.torch;

namespace Nfnet.Onnx;

/// <summary>
/// Writes the eval network of a <see cref="ModelPlan"/> with its weights as a standard ONNX model (opset
/// <see cref="Opset"/>): input <see cref="InputName"/> [batch, 3, S, S] float32 (the preprocessed image), output
/// <see cref="OutputName"/> [batch, classes] (logits, before softmax). See docs/onnx.md for the graph.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The default ONNX operator set: opset 20 is the first with Gelu (and its tanh form).</summary>
    public const int Opset = 20;

    public const string InputName = "image";
    public const string OutputName = "logits";

    /// <summary>The file of external data beside <paramref name="modelPath"/>: "model.onnx" → "model.onnx.data".</summary>
    public static string ExternalDataPath(string modelPath) => modelPath + ".data";

    /// <summary>
    /// Checks <paramref name="weights"/> against the plan strictly (the state_dict of <see cref="PlanModel"/> with the
    /// weights' class count; every problem at once, as <see cref="WeightMismatchException"/>) and writes the model to
    /// <paramref name="path"/>, atomically, with external data beside it when the tensors exceed the threshold.
    /// </summary>
    public static OnnxExportResult Export(ModelPlan plan, IReadOnlyDictionary<string, Tensor> weights, string path, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ImageSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ImageSize, "The image size must be at least 1.");
        ArgumentNullException.ThrowIfNull(options.Preprocess);
        if (options.BatchSize is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "The batch size must be at least 1.");

        var numClasses = weights.TryGetValue("head.fc.weight", out var fc) && fc.dim() == 2 ? fc.shape[0] : plan.NumClasses;
        plan = plan with { NumClasses = (int)numClasses };
        CheckWeights(plan, weights, options.Source ?? "weights");

        var full = Path.GetFullPath(path);
        long tensorBytes = weights.Values.Sum(t => t.numel() * 4);
        bool external = tensorBytes > options.ExternalDataThreshold;
        var dataPath = ExternalDataPath(full);
        var batch = options.BatchSize is { } b ? b.ToString(CultureInfo.InvariantCulture) : "batch";

        var model = NewModel(plan, options, batch);
        int nodes = 0;
        long dataBytes = 0;
        if (external)
        {
            AtomicFile.Write(dataPath, stream =>
            {
                var store = new TensorStore(model.Graph, stream, Path.GetFileName(dataPath));
                nodes = Fill(model.Graph, plan, weights, options, store);
                dataBytes = stream.Length;
            });
        }
        else
        {
            var store = new TensorStore(model.Graph, null, null);
            nodes = Fill(model.Graph, plan, weights, options, store);
        }
        AtomicFile.Write(full, stream => model.WriteTo(stream));
        // A stale data file from an earlier, larger export would sit beside the model looking like part of it.
        if (!external && File.Exists(dataPath)) File.Delete(dataPath);
        return new OnnxExportResult(full, external ? dataPath : null, new FileInfo(full).Length, dataBytes, nodes, Opset, batch);
    }

    private static void CheckWeights(ModelPlan plan, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        // The network's own state_dict, on the meta device (no memory): the names and shapes the graph reads.
        using var expected = new PlanModel(plan, plan.NumClasses, device: META);
        var problems = ModelWeights.Compare(expected.state_dict(), weights);
        if (problems.Count > 0) throw new WeightMismatchException(source, problems);
    }

    private static int Fill(GraphProto graph, ModelPlan plan, IReadOnlyDictionary<string, Tensor> weights, OnnxExportOptions options, TensorStore store)
    {
        var writer = new GraphWriter(graph, store);
        var logits = new NetworkGraph(plan, new WeightSet(weights), writer).Build(InputName, options.ImageSize);
        graph.Output[0].Name = logits;
        return graph.Node.Count;
    }

    private static ModelProto NewModel(ModelPlan plan, OnnxExportOptions options, string batch)
    {
        var model = new ModelProto
        {
            IrVersion = (long)global::Onnx.Version.IrVersion2024325,
            ProducerName = "NfnetDsl",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"{plan.Name}: the eval network of {plan.Description}".TrimEnd(':', ' '),
            Graph = new GraphProto { Name = plan.Name },
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        long size = options.ImageSize;
        model.Graph.Input.Add(Value(InputName, batch, new[] { 3L, size, size },
            $"NCHW float32 image, {size}×{size} RGB after the {options.Preprocess.Describe(options.ImageSize)} preprocessing: value/255, minus the mean, over the std ({options.Preprocess.DescribeStatistics()})"));
        model.Graph.Output.Add(Value(OutputName, batch, new long[] { plan.NumClasses }, $"logits over {plan.NumClasses} classes (before softmax)"));

        var metadata = new Dictionary<string, string>
        {
            ["nfnet.variant"] = plan.Name,
            ["nfnet.image_size"] = size.ToString(CultureInfo.InvariantCulture),
            ["nfnet.numerics"] = WeightsMetadata.Detail(PlanModel.ToRuntime(plan.Numerics)),
        };
        foreach (var (key, value) in PreprocessMetadata.For(options.Preprocess)) metadata[key] = value;
        if (options.ClassNames is { Count: > 0 } names) metadata["nfnet.classes"] = string.Join("\n", names);
        if (options.Source is { } source) metadata["nfnet.source"] = Path.GetFileName(source);
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static ValueInfoProto Value(string name, string batch, long[] dims, string doc)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(long.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedBatch)
            ? new TensorShapeProto.Types.Dimension { DimValue = fixedBatch }
            : new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            DocString = doc,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = TensorStore.FloatType, Shape = shape } },
        };
    }
}
