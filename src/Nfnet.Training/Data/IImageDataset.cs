using System;
using System.Collections.Generic;

namespace Nfnet.Training.Data;

/// <summary>
/// Labelled square RGB images, produced on demand as normalized CHW floats. Implementations are deterministic:
/// the same index and augmentation seed always give the same pixels, which is what makes resumed runs exact.
/// </summary>
public interface IImageDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Class names; labels index into this list.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square images <see cref="Load"/> writes.</summary>
    int ImageSize { get; }

    /// <summary>Label of sample <paramref name="index"/>.</summary>
    int LabelOf(int index);

    /// <summary>
    /// Writes sample <paramref name="index"/> as [3, ImageSize, ImageSize] floats, ImageNet-normalized, into
    /// <paramref name="destination"/>. A null <paramref name="augmentation"/> gives the evaluation view; otherwise the
    /// training augmentation driven by that generator.
    /// </summary>
    void Load(int index, Span<float> destination, SplitMix64? augmentation);
}
