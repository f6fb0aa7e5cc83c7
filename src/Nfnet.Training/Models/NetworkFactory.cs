using System;
using Nfnet.Dsl.Lowering;
using Nfnet.Models;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Training.Models;

/// <summary>A network, the plan it was built from (sizes, dropout, image sizes) and the numerics it computes with.</summary>
public sealed record Network(nn.Module<Tensor, Tensor> Module, ModelPlan Plan, NfNumerics Numerics);

/// <summary>Creates the network a command asks for: a built-in variant, or a variant of a user's spec file.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// Builds <paramref name="variant"/> (case-insensitive): the generated class from Nfnet.Models
    /// (<see cref="NfnetZoo"/>) for a built-in variant, or a <see cref="PlanModel"/> built at run time for a variant of
    /// <paramref name="specPath"/>. Both have the same module tree and state_dict names. Parameters are created on the
    /// CPU from torch's current generator; move the module before creating an optimizer.
    /// </summary>
    /// <param name="numerics">A numerics profile applied to the variant's own numerics (<see cref="NumericsFor"/>); null keeps the spec's.</param>
    public static Network Create(string variant, string? specPath, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null,
        NumericsProfile? numerics = null)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (specPath is not null)
        {
            var userPlan = ModelSpecs.Find(ModelSpecs.FromFile(specPath), variant);
            var effective = NumericsFor(userPlan, numerics);
            return new Network(new PlanModel(userPlan, numClasses, dropRate, stochasticDepthRate, numerics: effective), userPlan, effective);
        }
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), variant);
        return new Network(NfnetZoo.Create(plan.Name, numClasses, dropRate, stochasticDepthRate, numerics: numerics), plan, NumericsFor(plan, numerics));
    }

    /// <summary>A variant's own numerics under <paramref name="profile"/>, or its own numerics when null.</summary>
    public static NfNumerics NumericsFor(ModelPlan plan, NumericsProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var own = PlanModel.ToRuntime(plan.Numerics);
        return profile is { } p ? own.WithProfile(p) : own;
    }

    /// <summary>
    /// <paramref name="plan"/> computing as <see cref="NumericsFor"/> says: the profile's WS epsilon and GELU form, the
    /// variant's padding and stochastic depth. For code that reads the plan's numerics rather than a network's (the ONNX export).
    /// </summary>
    public static ModelPlan WithNumerics(ModelPlan plan, NumericsProfile? profile)
    {
        var numerics = NumericsFor(plan, profile);
        return plan with
        {
            Numerics = plan.Numerics with
            {
                WsEpsilon = numerics.WsEpsilon == WsEpsilonMode.Timm ? WsEpsilon.Timm : WsEpsilon.DeepMind,
                Gelu = numerics.Gelu == Nfnet.Runtime.GeluForm.Erf ? Nfnet.Dsl.Lowering.GeluForm.Erf : Nfnet.Dsl.Lowering.GeluForm.Tanh,
            },
        };
    }

    /// <summary>
    /// Builds <paramref name="plan"/>: the generated class of that name when <paramref name="builtIn"/> (a plan of
    /// <see cref="ModelSpecs.BuiltIn"/>), otherwise a <see cref="PlanModel"/>.
    /// </summary>
    /// <param name="numerics">A numerics profile applied to the variant's own numerics (<see cref="NumericsFor"/>); null keeps the spec's.</param>
    public static Network Create(ModelPlan plan, bool builtIn, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null,
        NumericsProfile? numerics = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var effective = NumericsFor(plan, numerics);
        return builtIn
            ? new Network(NfnetZoo.Create(plan.Name, numClasses, dropRate, stochasticDepthRate, numerics: numerics), plan, effective)
            : new Network(new PlanModel(plan, numClasses, dropRate, stochasticDepthRate, numerics: effective), plan, effective);
    }
}
