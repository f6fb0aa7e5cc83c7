using System.Collections.Generic;
using Nfnet.Imaging;

namespace Nfnet.Onnx;

/// <summary>What <see cref="OnnxExporter.Export"/> writes besides the network itself.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Protobuf caps one file at 2 GB; above this many bytes of tensors they go to external data (1 GB, the limit).</summary>
    public const long DefaultExternalDataThreshold = 1L << 30;

    /// <summary>Side of the square input the pads are computed for.</summary>
    public required int ImageSize { get; init; }

    /// <summary>A fixed batch size, or null for a symbolic batch dimension named "batch".</summary>
    public int? BatchSize { get; init; }

    /// <summary>Models whose tensors exceed this many bytes keep them in "&lt;model&gt;.data" beside the model.</summary>
    public long ExternalDataThreshold { get; init; } = DefaultExternalDataThreshold;

    /// <summary>Class names to record in the model's metadata (nfnet.classes), index order.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The preprocessing the input expects, recorded in full as the nfnet.preprocess* metadata (<see cref="PreprocessMetadata"/>).</summary>
    public PreprocessPreset Preprocess { get; init; } = PreprocessPreset.DeepMind;

    /// <summary>Where the weights came from, recorded as nfnet.source.</summary>
    public string? Source { get; init; }
}

/// <summary>What an export wrote.</summary>
/// <param name="ExternalDataPath">The external data file, or null when every tensor is inside the model.</param>
/// <param name="NodeCount">Nodes of the graph.</param>
public sealed record OnnxExportResult(string ModelPath, string? ExternalDataPath, long ModelBytes, long ExternalDataBytes, int NodeCount, int Opset, string BatchDimension);
