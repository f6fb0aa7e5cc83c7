using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl.Lowering;

/// <summary>Lowers validated settings to a <see cref="ModelPlan"/>, following DeepMind's NFNet constructor step by step.</summary>
public static class PlanBuilder
{
    public static ModelPlan? Build(VariantSettings s, string sourcePath, List<SpecDiagnostic> diagnostics)
    {
        try
        {
            return BuildChecked(s, sourcePath, diagnostics);
        }
        catch (OverflowException)
        {
            diagnostics.Add(DiagnosticCatalog.TooLarge.At(s.Name.Span, $"variant '{s.Name.Value}' is too large to count its parameters or MACs"));
            return null;
        }
    }

    private static ModelPlan BuildChecked(VariantSettings s, string sourcePath, List<SpecDiagnostic> diagnostics)
    {
        var stem = BuildStem(s);
        var stages = BuildStages(s, inChannels: stem[stem.Count - 1].OutChannels);
        var lastWidth = stages[stages.Count - 1].Width;
        var finalConv = new ConvPlan("final_conv", lastWidth, (int)(s.FinalConvMultiplier.Value * lastWidth), 1, 1, 1);
        var numClasses = (int)s.NumClasses.Value;

        var plan = new ModelPlan(
            Name: s.Name.Value,
            ClassName: s.ClassName.Value,
            Namespace: s.Namespace.Value,
            Description: s.Description.Value,
            SourcePath: sourcePath,
            Activation: s.Activation.Value,
            ActivationGamma: ActivationGammas.All[s.Activation.Value],
            Alpha: s.Alpha.Value,
            Numerics: new NumericsPlan(
                s.WsEpsilon.Value == "timm" ? WsEpsilon.Timm : WsEpsilon.DeepMind,
                s.Gelu.Value == "erf" ? GeluForm.Erf : GeluForm.Tanh,
                s.Padding.Value == "symmetric" ? PaddingMode.Symmetric : PaddingMode.Same),
            Stem: stem.ToEquatableArray(),
            Stages: stages.ToEquatableArray(),
            FinalConv: finalConv,
            NumClasses: numClasses,
            DropRate: s.DropRate.Value,
            StochasticDepthRate: s.StochasticDepthRate.Value,
            TrainImageSize: (int)s.TrainImageSize.Value,
            TestImageSize: (int)s.TestImageSize.Value,
            ParameterCount: 0,
            MacsAtTestSize: 0);
        plan = plan with
        {
            ParameterCount = checked(stem.Sum(c => c.ParameterCount) + plan.Blocks.Sum(b => b.ParameterCount) + finalConv.ParameterCount + plan.HeadParameterCount),
            MacsAtTestSize = plan.Macs(plan.TestImageSize),
        };

        foreach (var size in new[] { s.TrainImageSize, s.TestImageSize }.Distinct())
            if (size.Value % plan.TotalStride != 0)
                diagnostics.Add(DiagnosticCatalog.ImageSizeNotDivisible.At(size.Span,
                    $"image size {size.Value} is not divisible by the network's total stride {plan.TotalStride}; feature maps will be padded unevenly"));
        return plan;
    }

    /// <summary>The deep stem: the listed widths (first conv stride 2), then a stride-2 conv to width[0] / 2 (DeepMind's rule).</summary>
    private static List<ConvPlan> BuildStem(VariantSettings s)
    {
        var widths = s.Stem.Select(w => (int)w.Value).Append((int)(s.Width[0].Value / 2)).ToList();
        var convs = new List<ConvPlan>();
        var inChannels = 3;
        for (var i = 0; i < widths.Count; i++)
        {
            var stride = i == 0 || i == widths.Count - 1 ? 2 : 1;
            convs.Add(new ConvPlan($"stem.conv{i + 1}", inChannels, widths[i], 3, stride, 1));
            inChannels = widths[i];
        }
        return convs;
    }

    /// <summary>DeepMind's body loop: beta = 1/expected_std, reset after each transition block, grown by alpha² per block.</summary>
    private static List<StagePlan> BuildStages(VariantSettings s, int inChannels)
    {
        var alpha = s.Alpha.Value;
        var rate = s.StochasticDepthRate.Value;
        var depths = s.Depth.Select(d => (int)(d.Value * s.DepthMultiplier.Value)).ToList();
        var numBlocks = depths.Sum();
        var expectedStd = 1.0;
        var index = 0;
        var channels = inChannels;
        var stages = new List<StagePlan>();
        for (var stage = 0; stage < s.StageCount; stage++)
        {
            var outChannels = (int)s.Width[stage].Value;
            var groupWidth = (int)s.GroupWidth[stage].Value;
            var expansion = s.Expansion[stage].Value;
            var groups = (int)(outChannels * expansion) / groupWidth;
            var mid = groups * groupWidth;
            var seHidden = Math.Max(1, (int)(outChannels * s.SeRatio[stage].Value));
            var blocks = new List<BlockPlan>();
            for (var blockIndex = 0; blockIndex < depths[stage]; blockIndex++)
            {
                blocks.Add(new BlockPlan(
                    Name: $"stages.{stage}.{blockIndex}",
                    Stage: stage,
                    IndexInStage: blockIndex,
                    GlobalIndex: index,
                    InChannels: channels,
                    OutChannels: outChannels,
                    MidChannels: mid,
                    Groups: groups,
                    Stride: blockIndex == 0 ? (int)s.Stride[stage].Value : 1,
                    Beta: 1.0 / expectedStd,
                    Alpha: alpha,
                    DropPathRate: rate * index / numBlocks,
                    SeHiddenChannels: seHidden));
                channels = outChannels;
                index++;
                if (blockIndex == 0)
                    expectedStd = 1.0; // reset, but the transition block still contributes one alpha² of growth
                expectedStd = Math.Sqrt(expectedStd * expectedStd + alpha * alpha);
            }
            stages.Add(new StagePlan(stage, outChannels, (int)s.Stride[stage].Value, groupWidth, expansion, s.SeRatio[stage].Value, blocks.ToEquatableArray()));
        }
        return stages;
    }
}
