using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
/// header <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>, then the raw
/// little-endian tensor bytes, offsets relative to the end of the header. Tensors keep their stored dtype.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";

    // The format caps the header at 100 MB; a larger length means a corrupt or foreign file, not a huge model.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor (on the CPU) and the metadata of the file at <paramref name="path"/>.</summary>
    public static SafetensorsContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Opening a folder reports "access denied", which sends the user after permissions instead of the path.
        if (Directory.Exists(path)) throw new SafetensorsFormatException($"{path} is a folder, not a safetensors file");
        if (!File.Exists(path)) throw new FileNotFoundException($"no such weights file: {path}", path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (SafetensorsFormatException e)
        {
            throw new SafetensorsFormatException($"{path}: {e.Message}");
        }
    }

    /// <summary>Reads every tensor (on the CPU) and the metadata from a seekable stream positioned at the file start.</summary>
    public static SafetensorsContent Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var lengthBytes = new byte[8];
        ReadExactly(stream, lengthBytes, "header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8)
            throw new SafetensorsFormatException(
                $"header length {headerLength} runs past the end of the file ({stream.Length} bytes): truncated, or not a safetensors file");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "header");
        long dataStart = 8 + (long)headerLength;
        long dataLength = stream.Length - dataStart;

        var entries = ParseHeader(headerBytes, out var metadata);
        // The format requires the byte ranges to tile the data buffer exactly: no gaps, no overlaps.
        long expected = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            if (entry.Begin != expected)
                throw new SafetensorsFormatException($"tensor '{entry.Name}' starts at byte {entry.Begin}, expected {expected} (gap or overlap)");
            expected = entry.End;
        }
        if (expected > dataLength)
        {
            var cut = entries.OrderBy(e => e.Begin).First(e => e.End > dataLength);
            throw new SafetensorsFormatException(
                $"file is truncated: tensor '{cut.Name}' needs data bytes {cut.Begin}–{cut.End} but the file holds only {dataLength}");
        }
        if (expected != dataLength)
            throw new SafetensorsFormatException($"tensors cover {expected} data bytes but the file holds {dataLength} (trailing bytes)");

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in entries.OrderBy(e => e.Begin))
            {
                var buffer = new byte[entry.End - entry.Begin];
                stream.Position = dataStart + entry.Begin;
                ReadExactly(stream, buffer, $"tensor '{entry.Name}'");
                var t = empty(entry.Shape, entry.Type);
                if (buffer.Length > 0) t.bytes = buffer;
                tensors.Add(entry.Name, t);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new SafetensorsContent(tensors, metadata);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; written in their own dtype) sorted by name, with optional string
    /// metadata. Callers that need crash safety write to a temporary path and rename (see <see cref="AtomicFile"/>).
    /// </summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (names.Contains(MetadataKey)) throw new ArgumentException($"'{MetadataKey}' is reserved.", nameof(tensors));

        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                var t = tensors[name];
                long size = t.NumberOfElements * t.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDType.NameOf(t.dtype));
                json.WriteStartArray("shape");
                foreach (var d in t.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');

        var lengthBytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)header.Length);
        stream.Write(lengthBytes);
        header.Position = 0;
        header.CopyTo(stream);
        foreach (var name in names)
        {
            using var cpu = tensors[name].detach().cpu().contiguous();
            if (cpu.NumberOfElements > 0) stream.Write(cpu.bytes);
        }
    }

    /// <summary>Writes a file atomically: readers see the old file or the complete new one, never a partial one.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));

    private static List<Entry> ParseHeader(byte[] headerBytes, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        // JSON allows a repeated key; safetensors does not, and the second would silently replace the first.
        var names = new HashSet<string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException($"header is not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new SafetensorsFormatException("header is not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw new SafetensorsFormatException($"'{MetadataKey}' is not a JSON object");
                    foreach (var item in property.Value.EnumerateObject())
                        metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString()! : item.Value.GetRawText();
                    continue;
                }
                if (!names.Add(property.Name)) throw new SafetensorsFormatException($"tensor '{property.Name}' appears twice in the header");
                entries.Add(ParseEntry(property.Name, property.Value));
            }
        }
        return entries;
    }

    private static Entry ParseEntry(string name, JsonElement element)
    {
        try
        {
            if (element.ValueKind != JsonValueKind.Object) throw new SafetensorsFormatException($"tensor '{name}' has a header entry that is not a JSON object");
            var dtype = element.GetProperty("dtype").GetString() ?? "";
            if (!SafetensorsDType.TryParse(dtype, out var type, out var elementSize))
                throw new SafetensorsFormatException($"tensor '{name}' has unsupported dtype '{dtype}' (supported: {string.Join(", ", SafetensorsDType.Names)})");
            var shape = element.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = element.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new SafetensorsFormatException($"tensor '{name}' has invalid data_offsets");
            if (shape.Any(d => d < 0)) throw new SafetensorsFormatException($"tensor '{name}' has a negative dimension");
            long bytes = checked(shape.Aggregate(1L, (a, d) => checked(a * d)) * elementSize);
            if (bytes != offsets[1] - offsets[0])
                throw new SafetensorsFormatException(
                    $"tensor '{name}' of shape [{string.Join(", ", shape)}] needs {bytes} bytes but data_offsets span {offsets[1] - offsets[0]}");
            return new Entry(name, type, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new SafetensorsFormatException($"tensor '{name}' has a malformed header entry: {e.Message}");
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new SafetensorsFormatException($"file is truncated: it ends inside the {what}");
        }
    }

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);
}

/// <summary>The tensors and metadata of a safetensors file. Disposing disposes the tensors.</summary>
public sealed class SafetensorsContent(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) : IDisposable
{
    /// <summary>Tensors by name, on the CPU, in their stored dtype.</summary>
    public Dictionary<string, Tensor> Tensors { get; } = tensors;

    /// <summary>The __metadata__ strings (empty when absent).</summary>
    public Dictionary<string, string> Metadata { get; } = metadata;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
        Tensors.Clear();
    }
}
