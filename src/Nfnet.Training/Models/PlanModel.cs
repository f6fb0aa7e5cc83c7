using System;
using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Training.Models;

/// <summary>
/// An NFNet built at run time from a <see cref="ModelPlan"/>: the same module tree, field names and constants as the
/// class the generator writes for that plan (see Nfnet.Dsl's ModelWriter), so state_dict keys and shapes match the
/// generated class and timm. Used for specs that were not compiled into the program (<c>--spec FILE</c>).
/// </summary>
public sealed class PlanModel : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute names: they become state_dict keys.
    private readonly DeepStem stem;
    private readonly ModuleList<Sequential> stages;
    private readonly ScaledStdConv2d final_conv;
    private readonly GammaActivation final_act;
    private readonly ClassifierHead head;
#pragma warning restore IDE1006

    /// <summary>Builds the network; null rates take the plan's values, as the generated constructor does.</summary>
    public PlanModel(ModelPlan plan, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null, Device? device = null)
        : base(nameof(PlanModel))
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        var sd = stochasticDepthRate ?? plan.StochasticDepthRate;
        var numerics = ToRuntime(plan.Numerics);
        var n = plan.BlockCount;

        stem = new DeepStem(3, plan.Stem.Select(c => (long)c.OutChannels).ToArray(), plan.Stem.Select(c => (long)c.Stride).ToArray(),
            plan.Activation, numerics, device);
        stages = nn.ModuleList(plan.Stages.Select(stage => nn.Sequential(stage.Blocks.Select(block => (nn.Module<Tensor, Tensor>)new NormFreeBlock(
            inChannels: block.InChannels, outChannels: block.OutChannels, midChannels: block.MidChannels, groups: block.Groups, stride: block.Stride,
            // Same expression as the generated code (sd * i / N in double arithmetic) so the rates are bit-identical.
            beta: block.Beta, alpha: plan.Alpha, dropPathRate: sd * block.GlobalIndex / n, seHiddenChannels: block.SeHiddenChannels,
            activation: plan.Activation, numerics: numerics, device: device)).ToArray())).ToArray());
        final_conv = new ScaledStdConv2d(plan.FinalConv.InChannels, plan.FinalConv.OutChannels, kernelSize: 1, numerics: numerics, device: device);
        final_act = new GammaActivation(plan.Activation, numerics);
        head = new ClassifierHead(plan.FinalConv.OutChannels, numClasses ?? plan.NumClasses, dropRate ?? plan.DropRate, device);
        RegisterComponents();
    }

    /// <summary>The plan this network was built from.</summary>
    public ModelPlan Plan { get; }

    /// <summary>Runtime numerics for a plan's numerics.</summary>
    public static NfNumerics ToRuntime(NumericsPlan numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return new NfNumerics(
            numerics.WsEpsilon == WsEpsilon.DeepMind ? WsEpsilonMode.DeepMind : WsEpsilonMode.Timm,
            numerics.Padding == PaddingMode.Same ? ConvPadding.Same : ConvPadding.Symmetric,
            numerics.Gelu == Dsl.Lowering.GeluForm.Tanh ? Runtime.GeluForm.Tanh : Runtime.GeluForm.Erf);
    }

    /// <summary>Logits [N, numClasses] for images [N, 3, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = stem.forward(input);
        foreach (var stage in stages)
            x = stage.forward(x);
        x = final_act.forward(final_conv.forward(x));
        return head.forward(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stem.Dispose();
            stages.Dispose();
            final_conv.Dispose();
            final_act.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
