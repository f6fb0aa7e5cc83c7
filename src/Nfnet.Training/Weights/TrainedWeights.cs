using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Training.Checkpoints;
using Nfnet.Training.Models;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>
/// A weights file for evaluation or prediction: an exported model.safetensors (ours or timm's) or a training
/// checkpoint, whose model.* tensors are used. Knows the class count (from head.fc.weight) and, for files this
/// project wrote, the class names and training image size from the metadata.
/// </summary>
public sealed class TrainedWeights : IDisposable
{
    private const string ClassifierWeight = "head.fc.weight";
    private readonly SafetensorsContent _content;

    private TrainedWeights(string path, SafetensorsContent content, Dictionary<string, Tensor> tensors)
    {
        Path = path;
        _content = content;
        Tensors = tensors;
        if (!tensors.TryGetValue(ClassifierWeight, out var fc) || fc.dim() != 2)
            throw new WeightMismatchException(path, new[] { $"missing: {ClassifierWeight} (needed to know the number of classes)" });
        NumClasses = fc.shape[0];
        var meta = content.Metadata;
        ClassNames = meta.TryGetValue("classes", out var names) ? names.Split('\n') : null;
        if (meta.TryGetValue("image_size", out var size))
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
                throw new SafetensorsFormatException($"{path}: metadata image_size '{size}' is not a positive integer");
            ImageSize = parsed;
        }
        Variant = meta.GetValueOrDefault("variant") ?? meta.GetValueOrDefault("run.variant");
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Model tensors by state_dict name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>Classifier outputs.</summary>
    public long NumClasses { get; }

    /// <summary>Class names stored by `nfnet train`, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The image size the weights were trained at (files written by `nfnet train`), or null.</summary>
    public int? ImageSize { get; }

    /// <summary>The variant recorded in the file, or null.</summary>
    public string? Variant { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static TrainedWeights Read(string path)
    {
        var content = SafetensorsFile.Read(path);
        try
        {
            var tensors = TrainingCheckpoint.IsCheckpoint(content)
                ? TrainingCheckpoint.Strip(content.Tensors, TrainingCheckpoint.ModelWeightsPrefix)
                : new Dictionary<string, Tensor>(content.Tensors, StringComparer.Ordinal);
            return new TrainedWeights(path, content, tensors);
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>Builds <paramref name="variant"/> with this file's class count and loads the weights strictly.</summary>
    public Network CreateNetwork(string variant, string? specPath)
    {
        var network = NetworkFactory.Create(variant, specPath, NumClasses);
        try
        {
            ModelWeights.LoadStrict(network.Module, Tensors, Path);
        }
        catch
        {
            network.Module.Dispose();
            throw;
        }
        return network;
    }

    /// <summary>Name of class <paramref name="index"/>: the stored name, or "class N".</summary>
    public string ClassName(long index) =>
        ClassNames is { } names && index < names.Count ? names[(int)index] : $"class {index.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public void Dispose() => _content.Dispose();
}
