using System;
using Nfnet.Runtime.Optim;
using Nfnet.Training.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Benchmarking;

/// <summary>Times of one training step's phases, milliseconds.</summary>
public readonly record struct TrainStepTimes(double ForwardMs, double BackwardMs, double OptimizerMs)
{
    public double StepMs => ForwardMs + BackwardMs + OptimizerMs;
}

/// <summary>
/// Our side of the benchmark: the network as `nfnet train` builds it, AgcSgd as the trainer configures it (Nesterov
/// momentum, weight decay except on gains and biases, AGC except on the classifier), fixed random batches.
/// </summary>
public sealed class ModelUnderTest : IDisposable
{
    private readonly Network _network;
    private readonly AgcSgd _optimizer;
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly Tensor _evalImages;
    private readonly Tensor _evalImagesChannelsLast;

    /// <summary>Builds the variant and its inputs from <paramref name="settings"/>' seed.</summary>
    public ModelUnderTest(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        manual_seed(settings.Seed);
        _network = settings.Regularization
            ? NetworkFactory.Create(settings.Variant, settings.SpecPath, numerics: settings.Numerics)
            : NetworkFactory.Create(settings.Variant, settings.SpecPath, dropRate: 0.0, stochasticDepthRate: 0.0, numerics: settings.Numerics);
        _optimizer = AgcSgd.ForNfnet(_network.Module, lr: 0.1);
        _images = randn(settings.Batch, 3, settings.ImageSize, settings.ImageSize);
        _labels = randint(0, _network.Plan.NumClasses, new long[] { settings.Batch });
        _evalImages = randn(settings.EvalBatch, 3, settings.EvalSize, settings.EvalSize);
        // TorchSharp has no memory_format argument: permuting to NHWC, copying, and permuting back gives a tensor
        // of the same shape with channels-last strides, which libtorch's convolutions keep.
        _evalImagesChannelsLast = _evalImages.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>The network and its plan.</summary>
    public Network Network => _network;

    /// <summary>Forward with the loss, backward, then the optimizer step and zeroing the gradients.</summary>
    public TrainStepTimes TrainStep()
    {
        var model = _network.Module;
        model.train();
        using var scope = NewDisposeScope();
        Tensor loss = null!;
        var forward = Clock.Milliseconds(() => loss = F.cross_entropy(model.call(_images), _labels));
        var backward = Clock.Milliseconds(() => loss.backward());
        var optimizer = Clock.Milliseconds(() =>
        {
            _optimizer.step();
            _optimizer.zero_grad();
        });
        return new TrainStepTimes(forward, backward, optimizer);
    }

    /// <summary>Puts the network in eval mode (standardized weights are cached on the first eval forward).</summary>
    public void BeginEval() => _network.Module.eval();

    /// <summary>One eval forward without autograd; milliseconds.</summary>
    public double EvalForward(bool channelsLast = false)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = channelsLast ? _evalImagesChannelsLast : _evalImages;
        return Clock.Milliseconds(() => _network.Module.call(input));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Module.Dispose();
        _images.Dispose();
        _labels.Dispose();
        _evalImages.Dispose();
        _evalImagesChannelsLast.Dispose();
    }
}
