using System.Collections.Generic;
using System.Reflection;
using Nfnet.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

/// <summary>Calls the members every generated class has but that no shared interface declares.</summary>
internal static class GeneratedModel
{
    /// <summary>The stem's output followed by each stage's output (the generated forward_stages).</summary>
    public static IReadOnlyList<Tensor> ForwardStages(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        var method = model.GetType().GetMethod("forward_stages", BindingFlags.Public | BindingFlags.Instance)!;
        return (IReadOnlyList<Tensor>)method.Invoke(model, new object[] { input })!;
    }

    /// <summary>Sets every block's zero-init gain (skipinit_gain or conv3's gain); at zero every residual branch is switched off.</summary>
    public static void SetSkipGains(nn.Module model, double value)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
            if (module is NormFreeBlock block)
                block.SetZeroInitGain(value);
    }
}
