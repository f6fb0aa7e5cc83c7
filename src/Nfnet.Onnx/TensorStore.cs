using System;
using System.IO;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Nfnet.Onnx;

/// <summary>
/// Adds the graph's initializers: inside the model as raw little-endian data, or (external mode) appended to one data
/// file beside the model, each tensor at a 4096-byte aligned offset, with ONNX's location/offset/length entries. Tensors
/// below 1 KB stay inside the model either way, as onnx's own external-data writer does. The caller owns the data stream.
/// </summary>
internal sealed class TensorStore
{
    public const int FloatType = (int)TensorProto.Types.DataType.Float;
    public const int Int64Type = (int)TensorProto.Types.DataType.Int64;
    private const int InlineBelowBytes = 1024;
    private const int Alignment = 4096;

    private readonly GraphProto _graph;
    private readonly Stream? _data;
    private readonly string? _location;

    /// <summary>Inline mode when <paramref name="data"/> is null; otherwise tensors go to <paramref name="data"/>, named <paramref name="location"/> relative to the model.</summary>
    public TensorStore(GraphProto graph, Stream? data, string? location)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian; this machine is not.");
        _graph = graph;
        _data = data;
        _location = location;
    }

    /// <summary>Bytes written to the external data file.</summary>
    public long ExternalBytes => _data?.Length ?? 0;

    public void AddFloats(string name, long[] dims, float[] values) =>
        Add(name, dims, FloatType, MemoryMarshal.AsBytes(values.AsSpan()));

    public void AddInt64s(string name, long[] dims, long[] values) =>
        Add(name, dims, Int64Type, MemoryMarshal.AsBytes(values.AsSpan()));

    private void Add(string name, long[] dims, int dataType, ReadOnlySpan<byte> bytes)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType };
        tensor.Dims.AddRange(dims);
        if (_data is null || bytes.Length < InlineBelowBytes)
        {
            tensor.RawData = ByteString.CopyFrom(bytes);
        }
        else
        {
            long offset = (_data.Length + Alignment - 1) / Alignment * Alignment;
            _data.SetLength(offset);
            _data.Position = offset;
            _data.Write(bytes);
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = _location });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        _graph.Initializer.Add(tensor);
    }
}
