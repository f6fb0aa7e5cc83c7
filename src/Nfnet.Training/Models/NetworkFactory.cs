using System;
using Nfnet.Dsl.Lowering;
using Nfnet.Models;
using static TorchSharp.torch;

namespace Nfnet.Training.Models;

/// <summary>A network and the plan it was built from (sizes, dropout, image sizes).</summary>
public sealed record Network(nn.Module<Tensor, Tensor> Module, ModelPlan Plan);

/// <summary>Creates the network a command asks for: a built-in variant, or a variant of a user's spec file.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// Builds <paramref name="variant"/> (case-insensitive): the generated class from Nfnet.Models
    /// (<see cref="NfnetZoo"/>) for a built-in variant, or a <see cref="PlanModel"/> built at run time for a variant of
    /// <paramref name="specPath"/>. Both have the same module tree and state_dict names. Parameters are created on the
    /// CPU from torch's current generator; move the module before creating an optimizer.
    /// </summary>
    public static Network Create(string variant, string? specPath, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (specPath is not null)
        {
            var userPlan = ModelSpecs.Find(ModelSpecs.FromFile(specPath), variant);
            return new Network(new PlanModel(userPlan, numClasses, dropRate, stochasticDepthRate), userPlan);
        }
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), variant);
        return new Network(NfnetZoo.Create(plan.Name, numClasses, dropRate, stochasticDepthRate), plan);
    }

    /// <summary>
    /// Builds <paramref name="plan"/>: the generated class of that name when <paramref name="builtIn"/> (a plan of
    /// <see cref="ModelSpecs.BuiltIn"/>), otherwise a <see cref="PlanModel"/>.
    /// </summary>
    public static Network Create(ModelPlan plan, bool builtIn, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return builtIn
            ? new Network(NfnetZoo.Create(plan.Name, numClasses, dropRate, stochasticDepthRate), plan)
            : new Network(new PlanModel(plan, numClasses, dropRate, stochasticDepthRate), plan);
    }
}
