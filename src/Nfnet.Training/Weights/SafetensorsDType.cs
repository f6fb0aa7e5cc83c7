using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>The safetensors dtype names this project reads and writes, and their torch types and sizes.</summary>
public static class SafetensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Table =
    {
        ("F64", ScalarType.Float64, 8),
        ("F32", ScalarType.Float32, 4),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    };

    /// <summary>Every dtype name this project understands.</summary>
    public static IEnumerable<string> Names => Table.Select(t => t.Name);

    /// <summary>The torch type and byte size of a safetensors dtype name.</summary>
    public static (ScalarType Type, int Size) Parse(string name) =>
        TryParse(name, out var type, out var size) ? (type, size)
            : throw new SafetensorsFormatException($"unsupported dtype '{name}' (supported: {string.Join(", ", Names)})");

    /// <summary>The torch type and byte size of a safetensors dtype name, or false for a name this project does not read.</summary>
    public static bool TryParse(string name, out ScalarType type, out int size)
    {
        foreach (var entry in Table)
        {
            if (entry.Name != name) continue;
            (type, size) = (entry.Type, entry.Size);
            return true;
        }
        (type, size) = (default, 0);
        return false;
    }

    /// <summary>The safetensors name of a torch type, or null when the format has none.</summary>
    public static string? TryName(ScalarType type)
    {
        foreach (var entry in Table)
            if (entry.Type == type) return entry.Name;
        return null;
    }

    /// <summary>The safetensors name of a torch type.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var entry in Table)
            if (entry.Type == type) return entry.Name;
        throw new ArgumentOutOfRangeException(nameof(type), type, "No safetensors dtype for this tensor type.");
    }
}

/// <summary>A safetensors file is malformed.</summary>
public sealed class SafetensorsFormatException(string message) : Exception(message);
