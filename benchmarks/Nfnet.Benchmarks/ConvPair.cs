using System;
using Nfnet.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Benchmarks;

/// <summary>
/// A weight-standardized conv and a plain Conv2d of the same shape (stride 1, SAME = symmetric padding here,
/// so the only difference is the standardization), plus one input. Timings compare the two side by side.
/// </summary>
internal sealed class ConvPair : IDisposable
{
    public ConvPair(long batch, long channels, long size)
    {
        manual_seed(0);
        Batch = batch;
        Channels = channels;
        Size = size;
        Ws = new ScaledStdConv2d(channels, channels, 3);
        Plain = nn.Conv2d(channels, channels, 3, padding: 1);
        Input = randn(batch, channels, size, size);
    }

    public long Batch { get; }

    public long Channels { get; }

    public long Size { get; }

    public ScaledStdConv2d Ws { get; }

    public Conv2d Plain { get; }

    public Tensor Input { get; }

    public string Shape => $"{Batch}x{Channels}x{Size}x{Size}, {Channels}->{Channels} 3x3";

    /// <summary>Forward + backward in training mode; gradients are dropped afterwards.</summary>
    public static void TrainStep(nn.Module<Tensor, Tensor> conv, Tensor input)
    {
        using var scope = NewDisposeScope();
        conv.train();
        conv.call(input).sum().backward();
        conv.zero_grad();
    }

    /// <summary>Inference forward: eval mode, gradients off (where the WS cache applies).</summary>
    public static void EvalForward(nn.Module<Tensor, Tensor> conv, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        conv.call(input);
    }

    public void Dispose()
    {
        Ws.Dispose();
        Plain.Dispose();
        Input.Dispose();
    }
}
