using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Benchmarking;

/// <summary>
/// The machine's convolution ceiling: the throughput of one dense 3×3, 256→256-channel convolution at the eval batch
/// and the resolution of an NFNet's second stage (eval size / 8), the best-shaped work an NFNet gives libtorch.
/// </summary>
public sealed class ConvCeiling : IDisposable
{
    private const int Channels = 256;
    private readonly Tensor _input;
    private readonly Tensor _weight;

    /// <summary>Allocates the probe for <paramref name="batch"/> images of <paramref name="evalSize"/> pixels.</summary>
    public ConvCeiling(int batch, int evalSize)
    {
        Size = Math.Max(8, evalSize / 8);
        Batch = batch;
        _input = randn(batch, Channels, Size, Size);
        _weight = randn(Channels, Channels, 3, 3).mul_(1.0 / Math.Sqrt(Channels * 9));
    }

    /// <summary>Spatial size of the probe.</summary>
    public int Size { get; }

    /// <summary>Images in the probe.</summary>
    public int Batch { get; }

    /// <summary>Multiply-accumulates of one probe forward.</summary>
    public long Macs => (long)Batch * Channels * Channels * 9 * Size * Size;

    /// <summary>"[2, 256, 24, 24] * 3×3×256", for the report.</summary>
    public string Shape => $"dense 3×3 conv, [{Batch}, {Channels}, {Size}, {Size}] → {Channels} channels";

    /// <summary>One forward without autograd; milliseconds.</summary>
    public double Milliseconds()
    {
        using var noGrad = no_grad();
        return Clock.Milliseconds(() => F.conv2d(_input, _weight, padding: new long[] { 1, 1 }).Dispose());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _input.Dispose();
        _weight.Dispose();
    }
}
