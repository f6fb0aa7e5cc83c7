using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Imaging;

namespace Nfnet.Training.Data;

/// <summary>An image file and its class.</summary>
public sealed record LabelledFile(string Path, int Label);

/// <summary>
/// A folder in ImageFolder layout: one subfolder per class (sorted names are the labels) holding .png/.jpg/.jpeg/.bmp
/// files. When the folder has train/ and val/ subfolders, those are the two splits; otherwise a seeded
/// <see cref="HeldOutFraction"/> of every class is held out.
/// </summary>
public sealed class ImageFolder
{
    /// <summary>File extensions read as images.</summary>
    public static readonly IReadOnlyList<string> Extensions = new[] { ".png", ".jpg", ".jpeg", ".bmp" };

    private readonly TextWriter _warnings;

    private ImageFolder(IReadOnlyList<string> classNames, IReadOnlyList<LabelledFile> train, IReadOnlyList<LabelledFile> heldOut, double fraction, TextWriter warnings)
    {
        ClassNames = classNames;
        TrainFiles = train;
        HeldOutFiles = heldOut;
        HeldOutFraction = fraction;
        _warnings = warnings;
    }

    /// <summary>Class names (subfolder names, ordinal order).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Training files.</summary>
    public IReadOnlyList<LabelledFile> TrainFiles { get; }

    /// <summary>Held-out files.</summary>
    public IReadOnlyList<LabelledFile> HeldOutFiles { get; }

    /// <summary>Fraction of each class held out when the folder has no train/val split.</summary>
    public double HeldOutFraction { get; }

    /// <summary>Lists the files of <paramref name="root"/>; corrupt files are found (and reported) when a split is opened.</summary>
    public static ImageFolder Scan(string root, double heldOutFraction, long seed, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(warnings);
        string trainRoot = Path.Combine(root, "train"), valRoot = Path.Combine(root, "val");
        if (Directory.Exists(trainRoot) && Directory.Exists(valRoot))
        {
            var classes = ClassesOf(trainRoot);
            var trainFiles = FilesOf(trainRoot, classes);
            if (trainFiles.Count == 0) throw NoImages(trainRoot);
            return new ImageFolder(classes, trainFiles, FilesOf(valRoot, classes), 0, warnings);
        }
        if (heldOutFraction <= 0.0 || heldOutFraction >= 1.0)
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "Must be in (0, 1).");
        var classNames = ClassesOf(root);
        var all = FilesOf(root, classNames);
        if (all.Count == 0) throw NoImages(root);
        var train = new List<LabelledFile>();
        var heldOut = new List<LabelledFile>();
        foreach (var group in all.GroupBy(f => f.Label))
        {
            var files = group.ToList();
            var order = SplitMix64.For(seed, 0xF01DE2, group.Key).Permutation(files.Count);
            int held = files.Count < 2 ? 0 : Math.Max(1, (int)Math.Round(files.Count * heldOutFraction));
            for (int i = 0; i < files.Count; i++) (i < held ? heldOut : train).Add(files[order[i]]);
        }
        return new ImageFolder(classNames, Sorted(train), Sorted(heldOut), heldOutFraction, warnings);
    }

    /// <summary>Every image under <paramref name="root"/> in the evaluation view (for `nfnet evaluate`); class folders as in <see cref="Scan"/>.</summary>
    public static ImageFileDataset ForEvaluation(string root, int imageSize, TextWriter warnings, IReadOnlyList<string>? classNames = null,
        PreprocessPreset? preprocessing = null)
    {
        var classes = classNames ?? ClassesOf(root);
        var files = FilesOf(root, classes);
        if (files.Count == 0) throw NoImages(root);
        return new ImageFileDataset(files, classes, imageSize, training: false, warnings, preprocessing);
    }

    /// <summary>The training split at <paramref name="imageSize"/> (random crop and flip).</summary>
    public ImageFileDataset Train(int imageSize) => new(TrainFiles, ClassNames, imageSize, training: true, _warnings);

    /// <summary>The held-out split at <paramref name="imageSize"/> (resize and centre crop).</summary>
    public ImageFileDataset HeldOut(int imageSize) => new(HeldOutFiles, ClassNames, imageSize, training: false, _warnings);

    private static IReadOnlyList<string> ClassesOf(string root)
    {
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (classes.Count == 0) throw new InvalidDataException($"{root} has no class subfolders (ImageFolder layout: {root}/<class>/<image>.png)");
        return classes;
    }

    private static List<LabelledFile> FilesOf(string root, IReadOnlyList<string> classes)
    {
        var files = new List<LabelledFile>();
        for (int label = 0; label < classes.Count; label++)
        {
            var folder = Path.Combine(root, classes[label]);
            if (!Directory.Exists(folder)) continue;
            files.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new LabelledFile(f, label)));
        }
        return files;
    }

    private static InvalidDataException NoImages(string root) =>
        new($"{root} has no images ({string.Join(", ", Extensions)}) in its class subfolders");

    private static List<LabelledFile> Sorted(List<LabelledFile> files) =>
        files.OrderBy(f => f.Label).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
}
