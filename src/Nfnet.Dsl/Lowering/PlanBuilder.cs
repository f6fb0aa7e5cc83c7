using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl.Lowering;

/// <summary>
/// Lowers validated settings to a <see cref="ModelPlan"/>. One lowering for every family: DeepMind's NFNet constructor
/// step by step for the default keys, timm's NormFreeNet for the others (rounding, stems, block kinds, attention). The
/// widths follow <see cref="WidthRules"/>, whose impossible results the validator has already reported.
/// </summary>
public static class PlanBuilder
{
    public static ModelPlan? Build(VariantSettings s, string sourcePath, List<SpecDiagnostic> diagnostics)
    {
        if (!s.IsComplete)
            return null;
        try
        {
            return new Lowering(s, diagnostics).Plan(sourcePath);
        }
        catch (OverflowException)
        {
            diagnostics.Add(DiagnosticCatalog.TooLarge.At(s.Name.Span, $"variant '{s.Name.Value}' is too large to count its parameters or MACs"));
            return null;
        }
    }

    /// <summary>The width rules a variant's rounding keys choose.</summary>
    public static WidthRules RulesOf(VariantSettings s) =>
        new(s.Rounding!.Value.Value == "timm", s.ChannelDivisor!.Value.Value, s.WidthFactor!.Value.Value);

    private sealed class Lowering(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        private readonly WidthRules _rules = RulesOf(s);

        private readonly BlockParts _parts = new(
            s.Block!.Value.Value == "regnet" ? BlockKind.RegNet : BlockKind.Bottleneck,
            s.ExtraConv!.Value.Value,
            s.Shortcut!.Value.Value == "conv" ? ShortcutKind.StridedConv : ShortcutKind.AvgPool,
            s.ZeroInit!.Value.Value == "conv3Gain" ? ZeroInit.Conv3Gain : ZeroInit.SkipinitGain,
            s.GammaPlacement!.Value.Value == "conv" ? GammaPlacement.Conv : GammaPlacement.Activation);

        public ModelPlan Plan(string sourcePath)
        {
            var stageWidths = s.Width!.Select(w => _rules.Round(w.Value)).ToList();
            var stem = BuildStem(stageWidths[0]);
            var numerics = new NumericsPlan(
                s.WsEpsilon!.Value.Value == "timm" ? WsEpsilon.Timm : WsEpsilon.DeepMind,
                s.Gelu!.Value.Value == "erf" ? GeluForm.Erf : GeluForm.Tanh,
                s.Padding!.Value.Value == "symmetric" ? PaddingMode.Symmetric : PaddingMode.Same,
                s.StochasticDepth!.Value.Value == "timm" ? StochasticDepthSchedule.Timm : StochasticDepthSchedule.DeepMind);
            var stages = BuildStages(stageWidths, stem.OutChannels, numerics.StochasticDepth);
            var lastStageWidth = stageWidths[stageWidths.Count - 1];
            var finalWidth = _rules.FinalConv(s.FinalConvWidth?.Value, s.FinalConvMultiplier!.Value.Value, s.Width![s.Width.Count - 1].Value, lastStageWidth);
            var finalConv = finalWidth == 0 ? null : new ConvPlan("final_conv", lastStageWidth, finalWidth, 1, 1, 1);

            var plan = new ModelPlan(
                Name: s.Name.Value,
                ClassName: s.ClassName.Value,
                Namespace: s.Namespace.Value,
                Description: s.Description.Value,
                SourcePath: sourcePath,
                Activation: s.Activation!.Value.Value,
                ActivationGamma: ActivationGammas.All[s.Activation!.Value.Value],
                Alpha: s.Alpha!.Value.Value,
                Numerics: numerics,
                Parts: _parts,
                Stem: stem,
                Stages: stages.ToEquatableArray(),
                FinalConv: finalConv,
                NumClasses: (int)s.NumClasses!.Value.Value,
                DropRate: s.DropRate!.Value.Value,
                StochasticDepthRate: s.StochasticDepthRate!.Value.Value,
                TrainImageSize: (int)s.TrainImageSize!.Value.Value,
                TestImageSize: (int)s.TestImageSize!.Value.Value,
                ParameterCount: 0,
                MacsAtTestSize: 0,
                Preprocess: new PreprocessPlan(
                    s.CropPct!.Value.Value,
                    s.CropMode!.Value.Value == "squash" ? CropMode.Squash : CropMode.Center,
                    s.Mean!.Select(m => m.Value).ToEquatableArray(),
                    s.Std!.Select(m => m.Value).ToEquatableArray()));
            plan = plan with
            {
                ParameterCount = checked(stem.ParameterCount + plan.Blocks.Sum(b => b.ParameterCount) + (finalConv?.ParameterCount ?? 0) + plan.HeadParameterCount),
                MacsAtTestSize = plan.Macs(plan.TestImageSize),
            };

            foreach (var size in new[] { s.TrainImageSize!.Value, s.TestImageSize!.Value }.Distinct())
                if (size.Value % plan.TotalStride != 0)
                    diagnostics.Add(DiagnosticCatalog.ImageSizeNotDivisible.At(size.Span,
                        $"image size {size.Value} is not divisible by the network's total stride {plan.TotalStride}; feature maps will be padded unevenly"));
            return plan;
        }

        private StemPlan BuildStem(int firstStageWidth)
        {
            var type = s.StemType!.Value.Value;
            var convs = WidthRules.StemConvs(type, s.Stem!.Select(w => w.Value).ToList(), firstStageWidth, _rules.Round(s.StemWidth?.Value ?? s.Width![0].Value));
            var plans = new List<ConvPlan>();
            var inChannels = 3;
            foreach (var (width, kernel, stride) in convs)
            {
                plans.Add(new ConvPlan(convs.Count == 1 ? "stem.conv" : $"stem.conv{plans.Count + 1}", inChannels, width, kernel, stride, 1));
                inChannels = width;
            }
            var kind = type switch
            {
                "explicit" => StemKind.Explicit,
                "deep_quad" => StemKind.DeepQuad,
                "deep" => StemKind.Deep,
                "deep_tiered" => StemKind.DeepTiered,
                "3x3" => StemKind.Conv3x3,
                _ => StemKind.Conv7x7,
            };
            return new StemPlan(kind, plans.ToEquatableArray(), s.StemPool!.Value.Value);
        }

        /// <summary>
        /// DeepMind's (and timm's) body loop: beta = 1/expected_std, reset after each transition block, grown by alpha²
        /// per block; mid widths and groups per the rounding rule.
        /// </summary>
        private List<StagePlan> BuildStages(IReadOnlyList<int> stageWidths, int inChannels, StochasticDepthSchedule schedule)
        {
            var alpha = s.Alpha!.Value.Value;
            var rate = s.StochasticDepthRate!.Value.Value;
            var depths = s.Depth!.Select(d => (int)(d.Value * s.DepthMultiplier!.Value.Value)).ToList();
            var numBlocks = depths.Sum();
            var denominator = schedule == StochasticDepthSchedule.Timm ? Math.Max(1, numBlocks - 1) : numBlocks;
            var expectedStd = 1.0;
            var index = 0;
            var channels = inChannels;
            var stages = new List<StagePlan>();
            for (var stage = 0; stage < stageWidths.Count; stage++)
            {
                var outChannels = stageWidths[stage];
                var groupWidth = (int)s.GroupWidth![stage].Value;
                var expansion = s.Expansion![stage].Value;
                var blocks = new List<BlockPlan>();
                for (var blockIndex = 0; blockIndex < depths[stage]; blockIndex++)
                {
                    var ratio = index == 0 && s.FirstBlockExpansion is { } first ? first.Value : expansion;
                    var (mid, groups, _) = _rules.MidAndGroups(_parts.Kind == BlockKind.RegNet ? channels : outChannels, ratio, groupWidth);
                    blocks.Add(new BlockPlan(
                        Name: $"stages.{stage}.{blockIndex}",
                        Stage: stage,
                        IndexInStage: blockIndex,
                        GlobalIndex: index,
                        InChannels: channels,
                        OutChannels: outChannels,
                        MidChannels: mid,
                        Groups: groups,
                        Stride: blockIndex == 0 ? (int)s.Stride![stage].Value : 1,
                        Beta: 1.0 / expectedStd,
                        Alpha: alpha,
                        DropPathRate: rate * index / denominator,
                        Attention: BuildAttention(stage, mid, outChannels),
                        Parts: _parts));
                    channels = outChannels;
                    index++;
                    if (blockIndex == 0)
                        expectedStd = 1.0; // reset, but the transition block still contributes one alpha² of growth
                    expectedStd = Math.Sqrt(expectedStd * expectedStd + alpha * alpha);
                }
                stages.Add(new StagePlan(stage, outChannels, (int)s.Stride![stage].Value, groupWidth, expansion, blocks.ToEquatableArray()));
            }
            return stages;
        }

        private AttentionPlan? BuildAttention(int stage, int mid, int outChannels)
        {
            var kind = s.Attention![stage].Value;
            if (kind == "none")
                return null;
            var place = s.AttentionPlace!.Value.Value == "mid" ? AttentionPlace.Mid : AttentionPlace.Last;
            var channels = place == AttentionPlace.Mid ? mid : outChannels;
            var gain = s.AttentionGain!.Value.Value;
            if (kind == "eca")
            {
                var kernel = s.EcaKernel is { } k ? (int)k.Value : ChannelMath.EcaKernelSize(channels);
                return new AttentionPlan(AttentionKind.Eca, place, channels, 0, kernel, gain, "");
            }
            var ratio = s.SeRatio![stage].Value;
            var hidden = _rules.Timm
                ? ChannelMath.MakeDivisible(channels * ratio, s.SeDivisor!.Value.Value, roundLimit: 0)
                : Math.Max(1, ChannelMath.Truncate(channels * ratio));
            return new AttentionPlan(AttentionKind.SqueezeExcite, place, channels, checked((int)hidden), 0, gain, s.SeActivation!.Value.Value);
        }
    }
}
