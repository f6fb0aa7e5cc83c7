using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Nfnet.Imaging;
using StbImageSharp;

namespace Nfnet.Training.Data;

/// <summary>
/// Image files as a data set. Every file is decoded once when the set is opened: files that cannot be decoded are
/// reported to the warnings writer and left out, so a corrupt image never stops a run. The decoded images are kept,
/// already resized, as bytes while they fit in <see cref="CacheBudgetBytes"/>, and decoded again on demand otherwise.
/// Training view: shorter side to S/0.875, random S×S crop, random horizontal flip. Evaluation view: a
/// <see cref="PreprocessPreset"/>'s resize, centre crop and statistics (DeepMind's 'resize_crop_32' unless given).
/// </summary>
public sealed class ImageFileDataset : IImageDataset
{
    /// <summary>Decoded images beyond this many bytes are not cached.</summary>
    public const long CacheBudgetBytes = 2L << 30;

    private readonly IReadOnlyList<LabelledFile> _files;
    private readonly byte[][]? _cache;
    private readonly bool _training;
    private readonly PreprocessPreset _evaluation;

    /// <summary>Decodes and checks every file; see the class remarks.</summary>
    /// <param name="evaluation">How evaluation images are resized, cropped and normalized (DeepMind's unless given); training ignores it.</param>
    public ImageFileDataset(IReadOnlyList<LabelledFile> files, IReadOnlyList<string> classNames, int imageSize, bool training, TextWriter warnings,
        PreprocessPreset? evaluation = null)
    {
        _evaluation = training ? PreprocessPreset.DeepMind : evaluation ?? PreprocessPreset.DeepMind;
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(warnings);
        ClassNames = classNames ?? throw new ArgumentNullException(nameof(classNames));
        ImageSize = imageSize;
        _training = training;
        BaseSize = training ? (int)Math.Round(imageSize / 0.875) : imageSize;

        var decoded = new byte[]?[files.Count];
        var failures = new ConcurrentBag<(string Path, string Reason)>();
        bool keep = (long)files.Count * BaseSize * BaseSize * 3 <= CacheBudgetBytes;
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                var image = Decode(files[i].Path);
                decoded[i] = keep ? image : Array.Empty<byte>();
            }
            // StbImageSharp reports corrupt data with plain Exceptions (and truncated files with index errors); any
            // failure to decode one file must only cost that file.
            catch (Exception e)
            {
                failures.Add((files[i].Path, e.Message));
            }
        });
        foreach (var (path, reason) in failures.OrderBy(f => f.Path, StringComparer.Ordinal))
            warnings.WriteLine($"warning: skipping unreadable image {path}: {reason}");
        Skipped = failures.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal).ToList();

        var usable = Enumerable.Range(0, files.Count).Where(i => decoded[i] is not null).ToList();
        _files = usable.Select(i => files[i]).ToList();
        _cache = keep ? usable.Select(i => decoded[i]!).ToArray() : null;
    }

    /// <inheritdoc/>
    public int Count => _files.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public int ImageSize { get; }

    /// <summary>Side of the square kept per image before cropping: S/0.875 for training, S for evaluation.</summary>
    public int BaseSize { get; }

    /// <summary>Files that could not be decoded and were left out.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The usable files, in sample order.</summary>
    public IReadOnlyList<LabelledFile> Files => _files;

    /// <inheritdoc/>
    public int LabelOf(int index) => _files[index].Label;

    /// <inheritdoc/>
    public void Load(int index, Span<float> destination, SplitMix64? augmentation)
    {
        int s = ImageSize;
        if (destination.Length != 3 * s * s) throw new ArgumentException($"Expected {3 * s * s} floats.", nameof(destination));
        var image = _cache?[index] ?? Decode(_files[index].Path);
        int left = (BaseSize - s) / 2, top = (BaseSize - s) / 2;
        bool flip = false;
        if (_training && augmentation is { } aug)
        {
            left = aug.NextInt(BaseSize - s + 1);
            top = aug.NextInt(BaseSize - s + 1);
            flip = aug.NextDouble() < 0.5;
        }
        WriteNormalized(image, BaseSize, left, top, flip, s, destination, _evaluation.Mean, _evaluation.Std);
    }

    /// <summary>Writes the s×s window at (left, top) of a size×size RGB image as CHW floats normalized with ImageNet statistics.</summary>
    public static void WriteNormalized(byte[] rgb, int size, int left, int top, bool flip, int s, Span<float> destination) =>
        NormalizedChw.Write(rgb, size, left, top, flip, s, destination);

    /// <summary>Writes the s×s window at (left, top) of a size×size RGB image as CHW floats, (value/255 − mean[c]) / std[c].</summary>
    public static void WriteNormalized(byte[] rgb, int size, int left, int top, bool flip, int s, Span<float> destination,
        IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        NormalizedChw.Write(rgb, size, left, top, flip, s, destination, mean, std);
    }

    private byte[] Decode(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue)
            ?? throw new InvalidOperationException("not a decodable image");
        // Training: keep a BaseSize square to crop from. Evaluation: the preset's resize and centre crop.
        return _training
            ? ImageResize.ShorterSideThenCenterCrop(image.Data, image.Width, image.Height, BaseSize, BaseSize)
            : Preprocessing.ResizeAndCrop(image.Data, image.Width, image.Height, ImageSize, _evaluation);
    }
}
