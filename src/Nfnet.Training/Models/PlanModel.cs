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
    private readonly NfStem stem;
    private readonly ModuleList<Sequential> stages;
    private readonly ScaledStdConv2d? final_conv;
    private readonly GammaActivation final_act;
    private readonly ClassifierHead head;
#pragma warning restore IDE1006

    /// <summary>Builds the network; null rates and numerics take the plan's values, as the generated constructor does.</summary>
    public PlanModel(ModelPlan plan, long? numClasses = null, double? dropRate = null, double? stochasticDepthRate = null, Device? device = null,
        NfNumerics? numerics = null)
        : base(nameof(PlanModel))
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        var sd = stochasticDepthRate ?? plan.StochasticDepthRate;
        var config = ToRuntime(plan) with { Numerics = numerics ?? ToRuntime(plan.Numerics) };
        Numerics = config.EffectiveNumerics;
        var denominator = plan.DropPathDenominator;

        stem = new NfStem(3, plan.Stem.Convs.Select(c => (long)c.OutChannels).ToArray(), plan.Stem.Convs.Select(c => (long)c.Kernel).ToArray(),
            plan.Stem.Convs.Select(c => (long)c.Stride).ToArray(), plan.Stem.MaxPool, config, device);
        stages = nn.ModuleList(plan.Stages.Select(stage => nn.Sequential(stage.Blocks.Select(block => (nn.Module<Tensor, Tensor>)new NormFreeBlock(
            inChannels: block.InChannels, outChannels: block.OutChannels, midChannels: block.MidChannels, groups: block.Groups, stride: block.Stride,
            // Same expression as the generated code (sd * i / N in double arithmetic) so the rates are bit-identical.
            beta: block.Beta, alpha: plan.Alpha, dropPathRate: sd * block.GlobalIndex / denominator,
            attention: ToRuntime(block.Attention), config: config, device: device)).ToArray())).ToArray());
        if (plan.FinalConv is { } final)
            final_conv = config.CreateConv(final.InChannels, final.OutChannels, kernelSize: 1, device: device);
        final_act = config.CreateActivation();
        head = new ClassifierHead(plan.NumFeatures, numClasses ?? plan.NumClasses, dropRate ?? plan.DropRate, device);
        RegisterComponents();
    }

    /// <summary>The plan this network was built from.</summary>
    public ModelPlan Plan { get; }

    /// <summary>The numerics it computes with (the plan's unless overridden).</summary>
    public NfNumerics Numerics { get; }

    /// <summary>Runtime numerics for a plan's numerics.</summary>
    public static NfNumerics ToRuntime(NumericsPlan numerics)
    {
        ArgumentNullException.ThrowIfNull(numerics);
        return new NfNumerics(
            numerics.WsEpsilon == WsEpsilon.DeepMind ? WsEpsilonMode.DeepMind : WsEpsilonMode.Timm,
            numerics.Padding == PaddingMode.Same ? ConvPadding.Same : ConvPadding.Symmetric,
            numerics.Gelu == Dsl.Lowering.GeluForm.Tanh ? Runtime.GeluForm.Tanh : Runtime.GeluForm.Erf,
            numerics.StochasticDepth == StochasticDepthSchedule.Timm ? StochasticDepthMode.Timm : StochasticDepthMode.DeepMind);
    }

    /// <summary>The runtime configuration of a plan's network-wide parts, as the generated constructor writes it.</summary>
    public static NfConfig ToRuntime(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = plan.Parts;
        return new NfConfig(
            plan.Activation,
            ToRuntime(plan.Numerics),
            parts.GammaPlacement == Dsl.Lowering.GammaPlacement.Conv ? Runtime.GammaPlacement.Conv : Runtime.GammaPlacement.Activation,
            parts.ExtraConv,
            parts.Shortcut == Dsl.Lowering.ShortcutKind.StridedConv ? Runtime.ShortcutKind.StridedConv : Runtime.ShortcutKind.AvgPool,
            parts.ZeroInit == Dsl.Lowering.ZeroInit.Conv3Gain ? Runtime.ZeroInit.Conv3Gain : Runtime.ZeroInit.SkipinitGain);
    }

    /// <summary>The runtime attention of a block plan's attention.</summary>
    public static BlockAttention? ToRuntime(AttentionPlan? attention) => attention switch
    {
        null => null,
        { Kind: Dsl.Lowering.AttentionKind.Eca } => BlockAttention.Eca(attention.KernelSize, Place(attention.Place), attention.Gain),
        _ => BlockAttention.Se(attention.HiddenChannels, Place(attention.Place), attention.Gain, attention.HiddenActivation),
    };

    private static Runtime.AttentionPlace Place(Dsl.Lowering.AttentionPlace place) =>
        place == Dsl.Lowering.AttentionPlace.Mid ? Runtime.AttentionPlace.Mid : Runtime.AttentionPlace.Last;

    /// <summary>Logits [N, numClasses] for images [N, 3, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = stem.forward(input);
        foreach (var stage in stages)
            x = stage.forward(x);
        if (final_conv is not null)
            x = final_conv.forward(x);
        x = final_act.forward(x);
        return head.forward(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stem.Dispose();
            stages.Dispose();
            final_conv?.Dispose();
            final_act.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
