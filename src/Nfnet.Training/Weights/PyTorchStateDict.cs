using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>
/// A PyTorch <c>torch.save(model.state_dict())</c> file (.pth, .pt, .bin: a zip holding a pickle), read through
/// TorchSharp.PyBridge into name → tensor, in the file's order. Anything else (the legacy non-zip format, a whole
/// pickled model, a dict wrapping the state_dict) is refused with one line saying what the file is.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>The first bytes of every zip archive, and so of every PyTorch file saved since 1.6.</summary>
    public static bool HasZipSignature(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && start[0] == 0x50 && start[1] == 0x4b && start[2] == 0x03 && start[3] == 0x04;

    /// <summary>Reads every tensor of the state_dict at <paramref name="path"/> (on the CPU).</summary>
    public static SafetensorsContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false, skipTensorRead: false);
        }
        catch (Exception e) when (e is InvalidDataException or NotImplementedException or InvalidCastException or InvalidOperationException
            or KeyNotFoundException or IndexOutOfRangeException or ArgumentException or Razorvine.Pickle.PickleException or EndOfStreamException)
        {
            throw new PyTorchFormatException($"{path}: not a readable PyTorch state_dict ({Reason(e)})");
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var foreign = new List<string>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string name && entry.Value is Tensor tensor)
                tensors[name] = tensor;
            else
                foreign.Add($"{entry.Key} ({entry.Value?.GetType().Name ?? "null"})");
        }
        if (foreign.Count > 0 || tensors.Count == 0)
        {
            foreach (var t in tensors.Values) t.Dispose();
            var what = tensors.Count == 0 ? "holds no tensors" : $"holds entries that are not tensors: {string.Join(", ", foreign.Take(5))}";
            throw new PyTorchFormatException($"{path}: {what}; save the weights with torch.save(model.state_dict(), path)");
        }
        return new SafetensorsContent(tensors, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static string Reason(Exception e) => e switch
    {
        InvalidDataException => "the zip archive is damaged: " + e.Message,
        NotImplementedException => e.Message,
        _ => e.GetType().Name + ": " + e.Message,
    };
}

/// <summary>A PyTorch weights file that cannot be read as a state_dict.</summary>
public sealed class PyTorchFormatException(string message) : Exception(message);
