using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;

namespace Nfnet.Runtime.Optim;

/// <summary>DeepMind's three NFNet parameter groups, by parameter name.</summary>
public sealed record NfnetParameterGroups(
    IReadOnlyList<Parameter> GainsAndBiases,
    IReadOnlyList<Parameter> ClassifierWeights,
    IReadOnlyList<Parameter> Weights)
{
    /// <summary>Whether DeepMind's recipe exempts this parameter from weight decay ('gain' or 'bias' in its name).</summary>
    public static bool IsGainOrBias(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string leaf = name[(name.LastIndexOf('.') + 1)..];
        return leaf.Contains("gain", StringComparison.Ordinal) || leaf.Contains("bias", StringComparison.Ordinal);
    }

    /// <summary>Splits the trainable parameters of <paramref name="model"/>.</summary>
    public static NfnetParameterGroups Split(torch.nn.Module model, string classifierWeightName = "head.fc.weight")
    {
        ArgumentNullException.ThrowIfNull(model);
        var gainsAndBiases = new List<Parameter>();
        var classifier = new List<Parameter>();
        var weights = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad) continue;
            if (IsGainOrBias(name)) gainsAndBiases.Add(parameter);
            else if (name == classifierWeightName) classifier.Add(parameter);
            else weights.Add(parameter);
        }
        return new NfnetParameterGroups(gainsAndBiases, classifier, weights);
    }
}
