using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

/// <summary>eval is deterministic; train applies dropout (head) and stochastic depth (blocks), and nothing else random.</summary>
public class ModeTests
{
    private static Tensor Input() => randn(4, 3, 64, 64);

    [Fact]
    public void Eval_forward_is_deterministic()
    {
        manual_seed(2);
        using var model = new NfnetF0(numClasses: 10);
        GeneratedModel.SetSkipGains(model, 1.0);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Input();
        var first = model.call(x);
        manual_seed(99);   // a different RNG state must not matter in eval
        var second = model.call(x);
        Assert.True(first.eq(second).all().item<bool>());
    }

    [Fact]
    public void Train_mode_applies_dropout_before_the_classifier_only()
    {
        manual_seed(3);
        using var model = new NfnetF0(numClasses: 10, dropRate: 0.5, stochasticDepthRate: 0.0);
        GeneratedModel.SetSkipGains(model, 1.0);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Input();
        model.eval();
        var evalFeatures = model.forward_features(x);
        var evalLogits = model.call(x);
        model.train();
        var trainFeatures = model.forward_features(x);
        manual_seed(4);
        var logitsA = model.call(x);
        manual_seed(5);
        var logitsB = model.call(x);

        // Without stochastic depth the features are the same in both modes (no batch statistics anywhere)...
        Assert.True(trainFeatures.allclose(evalFeatures, rtol: 1e-5, atol: 1e-6));
        // ...and dropout makes the logits depend on the RNG and differ from eval.
        Assert.False(logitsA.allclose(logitsB));
        Assert.False(logitsA.allclose(evalLogits));
    }

    [Fact]
    public void Train_mode_applies_stochastic_depth_in_the_blocks()
    {
        manual_seed(6);
        using var model = new NfnetF0(numClasses: 10, dropRate: 0.0, stochasticDepthRate: 0.5);
        GeneratedModel.SetSkipGains(model, 1.0);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Input();
        model.eval();
        var evalFeatures = model.forward_features(x);
        var evalLogits = model.call(x);
        model.train();
        manual_seed(7);
        var featuresA = model.forward_features(x);
        manual_seed(8);
        var featuresB = model.forward_features(x);

        Assert.False(featuresA.allclose(featuresB));
        Assert.False(featuresA.allclose(evalFeatures));
        // With both rates 0 train and eval compute the same function: the differences above come from the rates.
        using var plain = new NfnetF0(numClasses: 10, dropRate: 0.0, stochasticDepthRate: 0.0);
        plain.load_state_dict(model.state_dict());
        plain.train();
        var plainTrain = plain.call(x);
        Assert.True(plainTrain.allclose(evalLogits, rtol: 1e-5, atol: 1e-6));
    }
}
