using System;
using System.Collections.Generic;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Benchmarking;

/// <summary>
/// The network's convolutions run alone with plain weights and random inputs of the right shapes: the floor a
/// network of these convolutions cannot go below. The model's time over this is what standardization, activations,
/// attention, pooling, residual adds and autograd bookkeeping cost on top.
/// </summary>
public sealed class PlainConvBaseline : IDisposable
{
    private readonly List<(Tensor Weight, Tensor Bias, ConvCall Call)> _convs = new();
    private readonly int _batch;

    /// <summary>Allocates one plain weight and bias per convolution of <paramref name="calls"/>.</summary>
    public PlainConvBaseline(IReadOnlyList<ConvCall> calls, int batch)
    {
        ArgumentNullException.ThrowIfNull(calls);
        _batch = batch;
        foreach (var call in calls)
        {
            var c = call.Conv;
            var weight = randn(c.OutChannels, c.InChannels / c.Groups, c.Kernel, c.Kernel).mul_(1.0 / Math.Sqrt(c.InChannels / c.Groups * c.Kernel * c.Kernel));
            _convs.Add((weight, zeros(c.OutChannels), call));
        }
    }

    /// <summary>Forward and backward (gradients of input, weight and bias) of every conv; the milliseconds spent in them.</summary>
    public double TrainMilliseconds()
    {
        double total = 0;
        foreach (var (weight, bias, call) in _convs)
        {
            using var scope = NewDisposeScope();
            var input = Input(call).requires_grad_(true);
            using var w = weight.detach().requires_grad_(true);
            using var b = bias.detach().requires_grad_(true);
            var upstream = ones(OutputShape(call));
            total += Clock.Milliseconds(() =>
            {
                var output = Conv(input, w, b, call);
                output.backward(new[] { upstream });
            });
        }
        return total;
    }

    /// <summary>Forward of every conv without autograd; the milliseconds spent in them.</summary>
    public double EvalMilliseconds()
    {
        using var noGrad = no_grad();
        double total = 0;
        foreach (var (weight, bias, call) in _convs)
        {
            using var scope = NewDisposeScope();
            var input = Input(call);
            total += Clock.Milliseconds(() => Conv(input, weight, bias, call).Dispose());
        }
        return total;
    }

    private Tensor Input(ConvCall call) => randn(_batch, call.Conv.InChannels, call.InputSize, call.InputSize);

    private long[] OutputShape(ConvCall call)
    {
        var size = call.Conv.OutputSize(call.InputSize);
        return new long[] { _batch, call.Conv.OutChannels, size, size };
    }

    // Symmetric padding k/2 gives the output size SAME padding gives (ceil(size/stride)) for these kernels; the
    // padding arithmetic itself is not the point here.
    private static Tensor Conv(Tensor input, Tensor weight, Tensor bias, ConvCall call) =>
        F.conv2d(input, weight, bias, strides: new long[] { call.Conv.Stride, call.Conv.Stride },
            padding: new long[] { call.Conv.Kernel / 2, call.Conv.Kernel / 2 }, groups: call.Conv.Groups);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (weight, bias, _) in _convs)
        {
            weight.Dispose();
            bias.Dispose();
        }
        _convs.Clear();
    }
}
