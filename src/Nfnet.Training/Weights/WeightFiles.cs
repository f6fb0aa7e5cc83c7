using System;
using System.IO;

namespace Nfnet.Training.Weights;

/// <summary>
/// Reads a weights file of either format by its content, not its name: safetensors (ours, timm's, Hugging Face's) or a
/// PyTorch state_dict (.pth/.pt/.bin). Both give tensors by state_dict name; only safetensors carry metadata.
/// </summary>
public static class WeightFiles
{
    /// <summary>Every tensor (on the CPU) and the metadata of the weights at <paramref name="path"/>.</summary>
    public static SafetensorsContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new SafetensorsFormatException($"{path} is a folder, not a weights file");
        if (!File.Exists(path)) throw new FileNotFoundException($"no such weights file: {path}", path);
        Span<byte> start = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.Read(start);
        return PyTorchStateDict.HasZipSignature(start[..read]) ? PyTorchStateDict.Read(path) : SafetensorsFile.Read(path);
    }
}
