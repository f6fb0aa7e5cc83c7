using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Training.Training;

/// <summary>Parses a --device value.</summary>
public static class Devices
{
    /// <summary>"cpu", "cuda" or "cuda:N"; throws <see cref="ArgumentException"/> when CUDA is asked for but unavailable.</summary>
    public static Device Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, "cpu", StringComparison.OrdinalIgnoreCase)) return CPU;
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            if (!cuda.is_available())
                throw new ArgumentException("--device cuda: no CUDA device is available to this TorchSharp build (the CPU libtorch is referenced by default; build with -p:NfnetTorchBackend=cuda).");
            return new Device(name.ToLowerInvariant());
        }
        throw new ArgumentException($"--device '{name}': expected cpu or cuda[:N].");
    }
}
