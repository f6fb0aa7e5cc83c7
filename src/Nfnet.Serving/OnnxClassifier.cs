using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Nfnet.Imaging;

namespace Nfnet.Serving;

/// <summary>
/// An exported NFNet in an ONNX Runtime (CPU) session: image files in, ranked classes out. The input size, the class
/// names and the preprocessing preset are read from the model (its input shape and nfnet.* metadata).
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    private OnnxClassifier(InferenceSession session, string path)
    {
        _session = session;
        Path = path;
        var input = session.InputMetadata.Single();
        var output = session.OutputMetadata.Single();
        _inputName = input.Key;
        _outputName = output.Key;
        var dims = input.Value.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] < 1 || dims[2] != dims[3])
            throw new InvalidDataException($"{path}: input '{_inputName}' is [{string.Join(", ", dims)}], not an NCHW RGB square image");
        ImageSize = dims[2];
        BatchSize = dims[0] > 0 ? dims[0] : null;
        NumClasses = output.Value.Dimensions[^1];
        var metadata = session.ModelMetadata.CustomMetadataMap;
        ClassNames = metadata.TryGetValue("nfnet.classes", out var names) ? names.Split('\n') : null;
        Variant = metadata.GetValueOrDefault("nfnet.variant");
        Preset = PreprocessMetadata.Read(metadata, path);
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>Side of the square input.</summary>
    public int ImageSize { get; }

    /// <summary>The model's fixed batch size, or null when the batch dimension is symbolic.</summary>
    public int? BatchSize { get; }

    /// <summary>Classifier outputs.</summary>
    public int NumClasses { get; }

    /// <summary>Class names stored at export (nfnet.classes), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The variant the model was exported from (nfnet.variant), or null.</summary>
    public string? Variant { get; }

    /// <summary>The preprocessing the model's input expects (the nfnet.preprocess* metadata, <see cref="PreprocessMetadata"/>; deepmind when absent).</summary>
    public PreprocessPreset Preset { get; }

    /// <summary>Opens <paramref name="path"/> (and its external data beside it) on the CPU; <paramref name="threads"/> null lets ONNX Runtime choose.</summary>
    public static OnnxClassifier Open(string path, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"no such ONNX model: {path}", path);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads is { } n)
        {
            options.IntraOpNumThreads = n;
            options.InterOpNumThreads = 1;
        }
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path}: ONNX Runtime cannot load it: {e.Message}", e);
        }
        try
        {
            return new OnnxClassifier(session, path);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Name of class <paramref name="index"/>: the stored name, or "class N".</summary>
    public string ClassName(int index) =>
        ClassNames is { } names && index < names.Count ? names[index] : $"class {index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The input floats of an image file: the model's preset at its size (CHW, 3·S·S).</summary>
    public float[] Preprocess(string imagePath) => Preprocessing.Load(imagePath, ImageSize, Preset);

    /// <summary>Logits [count, classes] (row-major) of <paramref name="count"/> preprocessed images laid end to end.</summary>
    public float[] Logits(float[] images, int count)
    {
        ArgumentNullException.ThrowIfNull(images);
        int plane = 3 * ImageSize * ImageSize;
        if (images.Length != count * plane) throw new ArgumentException($"Expected {count} × {plane} floats.", nameof(images));
        int batch = BatchSize ?? Math.Max(count, 1);
        var logits = new float[count * NumClasses];
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            // A fixed-batch model takes exactly its batch: the last chunk is padded with zero images.
            var chunk = new float[batch * plane];
            Array.Copy(images, start * plane, chunk, 0, n * plane);
            using var input = OrtValue.CreateTensorValueFromMemory(chunk, new long[] { batch, 3, ImageSize, ImageSize });
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, new[] { _inputName }, new[] { input }, new[] { _outputName });
            results[0].GetTensorDataAsSpan<float>()[..(n * NumClasses)].CopyTo(logits.AsSpan(start * NumClasses));
        }
        return logits;
    }

    /// <summary>The <paramref name="topK"/> most probable classes of one image file (throws <see cref="InvalidDataException"/> when it cannot be decoded).</summary>
    public IReadOnlyList<Prediction> Classify(string imagePath, int topK = 5) => Rank(Logits(Preprocess(imagePath), 1), topK);

    /// <summary>The <paramref name="topK"/> most probable classes of each row of logits, by softmax probability.</summary>
    public IReadOnlyList<Prediction> Rank(ReadOnlySpan<float> logits, int topK)
    {
        if (logits.Length != NumClasses) throw new ArgumentException($"Expected {NumClasses} logits.", nameof(logits));
        double max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        var exp = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += exp[i] = Math.Exp(logits[i] - max);
        return Enumerable.Range(0, logits.Length)
            .OrderByDescending(i => exp[i]).ThenBy(i => i)
            .Take(Math.Min(topK, logits.Length))
            .Select(i => new Prediction(i, ClassName(i), (float)(exp[i] / sum)))
            .ToList();
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();
}
