using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Training.Checkpoints;
using Nfnet.Runtime;
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
        _numClasses = tensors.TryGetValue(ClassifierWeight, out var fc) && fc.dim() == 2 ? fc.shape[0] : null;
        var meta = content.Metadata;
        ClassNames = meta.TryGetValue("classes", out var names) ? names.Split('\n') : null;
        if (meta.TryGetValue("image_size", out var size))
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
                throw new SafetensorsFormatException($"{path}: metadata image_size '{size}' is not a positive integer");
            ImageSize = parsed;
        }
        Variant = meta.GetValueOrDefault(WeightsMetadata.Variant) ?? meta.GetValueOrDefault("run." + WeightsMetadata.Variant);
        if ((meta.GetValueOrDefault(WeightsMetadata.Numerics) ?? meta.GetValueOrDefault("run." + WeightsMetadata.Numerics)) is { } numerics)
        {
            RecordsNumerics = true;
            NumericsProfile = WeightsMetadata.ParseProfile(numerics, $"{path}: metadata");
        }
    }

    /// <summary>Whether the file records the numerics it was trained with (files written by `nfnet train`).</summary>
    public bool RecordsNumerics { get; }

    /// <summary>The recorded numerics profile; null when the file records the variant's own numerics, or none.</summary>
    public NumericsProfile? NumericsProfile { get; }

    /// <summary>
    /// The profile to compute with: <paramref name="requested"/> (a --numerics value: deepmind, timm or spec) when given,
    /// else the recorded one. <paramref name="note"/> says what was chosen when the file records nothing and nothing was asked for.
    /// </summary>
    public NumericsProfile? ChooseNumerics(string? requested, out string? note)
    {
        note = null;
        if (requested is not null)
            return WeightsMetadata.ParseProfile(requested, "--numerics");
        if (!RecordsNumerics)
            note = $"{System.IO.Path.GetFileName(Path)} records no numerics; computing with the variant's own (pass --numerics deepmind|timm to choose)";
        return NumericsProfile;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Model tensors by state_dict name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    private readonly long? _numClasses;

    /// <summary>Classifier outputs; a file without a classifier (a backbone to fine-tune) cannot be evaluated.</summary>
    public long NumClasses => _numClasses
        ?? throw new WeightMismatchException(Path, new[] { $"missing: {ClassifierWeight} (needed to know the number of classes)" });

    /// <summary>Class names stored by `nfnet train`, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The image size the weights were trained at (files written by `nfnet train`), or null.</summary>
    public int? ImageSize { get; }

    /// <summary>The variant recorded in the file, or null.</summary>
    public string? Variant { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static TrainedWeights Read(string path)
    {
        var content = WeightFiles.Read(path);
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

    /// <summary>Builds <paramref name="variant"/> with this file's class count and <paramref name="numerics"/>, and loads the weights strictly.</summary>
    public Network CreateNetwork(string variant, string? specPath, NumericsProfile? numerics = null)
    {
        var network = NetworkFactory.Create(variant, specPath, NumClasses, numerics: numerics);
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
