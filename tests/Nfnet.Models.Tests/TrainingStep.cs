using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Runtime.Optim;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Models.Tests;

/// <summary>The training-step checks, on whichever device the caller names (CPU in CI, CUDA where available).</summary>
internal static class TrainingStep
{
    private const int Classes = 10;
    private const int Batch = 4;
    private const int ImageSize = 32;   // stage 3 is 1×1: enough to train the whole graph, a quarter of the cost of 64 px

    /// <summary>One step: finite loss near ln(classes), a finite gradient for every parameter, and AgcSgd moves the weights.</summary>
    public static void OneStep(Device device)
    {
        manual_seed(10);
        using var model = new NfnetF0(numClasses: Classes, dropRate: 0.0, stochasticDepthRate: 0.0, device: device);
        model.train();
        using var optimizer = AgcSgd.ForNfnet(model, lr: 0.1);   // created after the model is on its device
        using var scope = NewDisposeScope();
        var (images, labels) = Batch_(device);

        var loss = F.cross_entropy(model.call(images), labels);
        double lossValue = loss.item<float>();
        // fc starts at N(0, 0.01²), so the logits are near 0 and the loss near ln(classes) = 2.303.
        Assert.InRange(lossValue, Math.Log(Classes) - 0.3, Math.Log(Classes) + 0.3);

        optimizer.zero_grad();
        loss.backward();
        var named = model.named_parameters().ToList();
        Assert.Equal(233, named.Count);
        var withoutGradient = named.Where(p => p.parameter.grad is null).Select(p => p.name).ToList();
        Assert.True(withoutGradient.Count == 0, "no gradient: " + string.Join(", ", withoutGradient));
        var nonFinite = named.Where(p => !p.parameter.grad!.isfinite().all().item<bool>()).Select(p => p.name).ToList();
        Assert.True(nonFinite.Count == 0, "non-finite gradient: " + string.Join(", ", nonFinite));

        var before = named.ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var moved = named.Where(p => p.parameter.grad!.abs().max().item<float>() > 0).Select(p => p.name).ToList();
        optimizer.step();

        // SGD moves every parameter with a non-zero gradient (AGC rescales a gradient, never zeroes it). With the
        // skip gains at 0 the branch convs get zero gradients, but the head, the skip gains and the stem (through
        // the projection shortcuts) must all get some.
        Assert.Contains("head.fc.weight", moved);
        Assert.Contains("stages.3.2.skipinit_gain", moved);
        Assert.Contains("stem.conv1.weight", moved);
        var after = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        foreach (var name in moved)
            Assert.False(before[name].eq(after[name]).all().item<bool>(), $"{name} had a gradient but did not change");
    }

    /// <summary>Repeated steps on one fixed batch lower the loss.</summary>
    public static void LossFalls(Device device, int steps)
    {
        manual_seed(11);
        using var model = new NfnetF0(numClasses: Classes, dropRate: 0.0, stochasticDepthRate: 0.0, device: device);
        model.train();
        using var optimizer = AgcSgd.ForNfnet(model, lr: 0.1);
        var (images, labels) = Batch_(device);
        var losses = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = F.cross_entropy(model.call(images), labels);
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.step();
        }
        images.Dispose();
        labels.Dispose();
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        // Four images, ten classes: a network this size memorises them; demand a clear drop, not noise.
        Assert.True(losses[^1] < 0.5 * losses[0], "losses: " + string.Join(", ", losses.Select(l => l.ToString("F4"))));
    }

    private static (Tensor Images, Tensor Labels) Batch_(Device device) =>
        (randn(Batch, 3, ImageSize, ImageSize, device: device), tensor(new long[] { 3, 7, 1, 7 }, device: device));
}
