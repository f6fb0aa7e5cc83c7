using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Checkpoints;
using Nfnet.Runtime;
using Nfnet.Training.Models;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>
/// A weights file for evaluation or prediction: an exported model.safetensors (ours or timm's) or a training
/// checkpoint, whose model.* tensors are used. Knows the class count (from head.fc.weight) and, for files this
/// project wrote, the class names, training image size, variant and spec from the metadata.
/// </summary>
/// <remarks>
/// Metadata keys of a model.safetensors written by `nfnet train`: <c>variant</c> (the variant's name),
/// <c>spec</c> (the whole text of the spec file it was defined in, when that was a <c>--spec</c> file rather than a
/// built-in spec), <c>spec_path</c> (where that file was, for messages), <c>spec_sha256</c> (of the text),
/// <c>classes</c> (names, one per line), <c>image_size</c>, <c>steps</c>. A checkpoint records the run instead:
/// <c>run.variant</c>, <c>run.spec</c> (the file's path, or "built-in") and <c>run.spec_sha256</c>.
/// </remarks>
public sealed class TrainedWeights : IDisposable
{
    private const string ClassifierWeight = "head.fc.weight";

    /// <summary>Metadata key of the variant's name.</summary>
    public const string VariantKey = "variant";

    /// <summary>Metadata key of the spec file's text (variants of a <c>--spec</c> file only).</summary>
    public const string SpecKey = "spec";

    /// <summary>Metadata key of the spec file's path at training time.</summary>
    public const string SpecPathKey = "spec_path";

    /// <summary>Metadata key of the SHA-256 of the spec file's text (lowercase hex).</summary>
    public const string SpecHashKey = "spec_sha256";

    /// <summary>What a checkpoint's run description says for a built-in spec.</summary>
    public const string BuiltInSpec = "built-in";
    private readonly SafetensorsContent _content;

    private TrainedWeights(string path, SafetensorsContent content, Dictionary<string, Tensor> tensors)
    {
        Path = path;
        _content = content;
        Tensors = tensors;
        _numClasses = tensors.TryGetValue(ClassifierWeight, out var fc) && fc.dim() == 2 ? fc.shape[0] : null;
        var meta = content.Metadata;
        ClassNames = meta.TryGetValue("classes", out var names) ? names.Split('\n') : null;
        // A checkpoint records the size in its run description.
        if (meta.TryGetValue("image_size", out var size) || meta.TryGetValue("run.image_size", out size))
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
                throw new SafetensorsFormatException($"{path}: metadata image_size '{size}' is not a positive integer");
            ImageSize = parsed;
        }
        Variant = meta.GetValueOrDefault(VariantKey) ?? meta.GetValueOrDefault("run." + VariantKey);
        SpecText = meta.GetValueOrDefault(SpecKey);
        var specPath = meta.GetValueOrDefault(SpecPathKey) ?? meta.GetValueOrDefault("run." + SpecKey);
        SpecPath = specPath == BuiltInSpec ? null : specPath;
        SpecHash = meta.GetValueOrDefault(SpecHashKey) ?? meta.GetValueOrDefault("run." + SpecHashKey);
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

    /// <summary>The text of the spec file the variant was trained from, when it was not built in (model files only), or null.</summary>
    public string? SpecText { get; }

    /// <summary>Where that spec file was when training (model files and checkpoints), or null for a built-in variant or foreign weights.</summary>
    public string? SpecPath { get; }

    /// <summary>The SHA-256 (lowercase hex) of that spec's text, or null.</summary>
    public string? SpecHash { get; }

    /// <summary>The metadata `nfnet train` writes about the model: variant, and the spec when it came from a file.</summary>
    public static Dictionary<string, string> ModelMetadata(string variant, string? specPath, string? specText)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [VariantKey] = variant };
        if (specText is not null)
        {
            metadata[SpecKey] = specText;
            metadata[SpecPathKey] = specPath ?? "";
            metadata[SpecHashKey] = Sha256(specText);
        }
        return metadata;
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Which variant of which spec to build for these weights, from <paramref name="variant"/> and
    /// <paramref name="specPath"/> (the user's --variant and --spec, either may be null) and the metadata:
    /// <list type="number">
    /// <item>the variant is <paramref name="variant"/>, else the recorded one; when both are there they must agree;</item>
    /// <item>the spec is <paramref name="specPath"/>, else the recorded spec text (so the weights work after the spec file moved),
    /// else the recorded spec file (checkpoints), else the built-in specs.</item>
    /// </list>
    /// Throws <see cref="ArgumentException"/> (a usage error) when the names disagree or no variant is known,
    /// <see cref="System.IO.FileNotFoundException"/> when a checkpoint's spec file is gone and
    /// <see cref="System.IO.InvalidDataException"/> when it changed since training.
    /// </summary>
    public ModelChoice Choose(string? variant, string? specPath)
    {
        var origin = SpecPath is null ? "" : $" (trained from {SpecPath})";
        if (variant is not null && Variant is not null && variant != Variant)
            throw new ArgumentException($"--variant {variant} does not match {Path}, which holds {Variant}{origin}; leave out --variant to use {Variant}");
        var name = variant ?? Variant
            ?? throw new ArgumentException($"{Path} does not record its variant (it was not written by nfnet train); pass --variant NAME, and --spec FILE for a variant of your own");
        if (specPath is not null) return new ModelChoice(name, specPath, null);
        if (SpecText is not null) return new ModelChoice(name, null, SpecText, SpecPath);
        if (SpecPath is not null)
        {
            if (!System.IO.File.Exists(SpecPath))
                throw new System.IO.FileNotFoundException($"{Path} was trained from {SpecPath}, which no longer exists; pass --spec FILE", SpecPath);
            // A spec edited since training may build a different network that still loads (another alpha, say).
            if (SpecHash is not null && Sha256(System.IO.File.ReadAllText(SpecPath)) != SpecHash)
                throw new System.IO.InvalidDataException($"{Path} was trained from {SpecPath}, which has changed since (its SHA-256 differs); pass --spec FILE to use it anyway");
            return new ModelChoice(name, SpecPath, null);
        }
        return new ModelChoice(name, null, null);
    }

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
    public Network CreateNetwork(string variant, string? specPath, NumericsProfile? numerics = null) =>
        Load(NetworkFactory.Create(variant, specPath, NumClasses, numerics: numerics));

    /// <summary>Builds <paramref name="plan"/> (the generated class when <paramref name="builtIn"/>) with this file's class count and <paramref name="numerics"/>, and loads the weights strictly.</summary>
    public Network CreateNetwork(ModelPlan plan, bool builtIn, NumericsProfile? numerics = null) =>
        Load(NetworkFactory.Create(plan, builtIn, NumClasses, numerics: numerics));

    private Network Load(Network network)
    {
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
