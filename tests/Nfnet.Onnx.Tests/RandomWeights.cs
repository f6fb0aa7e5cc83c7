using System;
using static TorchSharp.torch;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// Weights that exercise every folded constant: a network at initialization has zero skip gains (or zero conv3 gains) and
/// unit conv gains, so its residual branches contribute nothing. Gains, biases and skip gains are drawn away from
/// their initial values, and the classifier is scaled so the logits are of order 1.
/// </summary>
internal static class RandomWeights
{
    public static void Randomize(nn.Module model, long seed)
    {
        manual_seed(seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("skipinit_gain", StringComparison.Ordinal))
                parameter.uniform_(0.3, 1.0);
            else if (name.EndsWith(".gain", StringComparison.Ordinal))
                parameter.uniform_(0.5, 1.5);
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
                parameter.normal_(0.0, 0.1);
            else if (name == "head.fc.weight")
                parameter.normal_(0.0, 1.0 / Math.Sqrt(parameter.shape[1]));
        }
    }
}
