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
/// step by step for the default keys, timm's NormFreeNet for the others (rounding, stems, block kinds, attention).
/// Reports the problems only the derived numbers show (zero groups, widths rounded to nothing).
/// </summary>
public static class PlanBuilder
{
    public static ModelPlan? Build(VariantSettings s, string sourcePath, List<SpecDiagnostic> diagnostics)
    {
        if (!s.IsComplete)
            return null;
        try
        {
            var errors = diagnostics.Count(d => d.IsError);
            var plan = new Lowering(s, diagnostics).Plan(sourcePath);
            return diagnostics.Count(d => d.IsError) > errors ? null : plan;
        }
        catch (OverflowException)
        {
            diagnostics.Add(DiagnosticCatalog.TooLarge.At(s.Name.Span, $"variant '{s.Name.Value}' is too large to count its parameters or MACs"));
            return null;
        }
    }

    private sealed class Lowering(VariantSettings s, List<SpecDiagnostic> diagnostics)
    {
        private readonly bool _timmRounding = s.Rounding!.Value.Value == "timm";
        private readonly long _divisor = s.ChannelDivisor!.Value.Value;
        private readonly double _widthFactor = s.WidthFactor!.Value.Value;

        private readonly BlockParts _parts = new(
            s.Block!.Value.Value == "regnet" ? BlockKind.RegNet : BlockKind.Bottleneck,
            s.ExtraConv!.Value.Value,
            s.Shortcut!.Value.Value == "conv" ? ShortcutKind.StridedConv : ShortcutKind.AvgPool,
            s.ZeroInit!.Value.Value == "conv3Gain" ? ZeroInit.Conv3Gain : ZeroInit.SkipinitGain,
            s.GammaPlacement!.Value.Value == "conv" ? GammaPlacement.Conv : GammaPlacement.Activation);

        /// <summary>A width after widthFactor: truncated (DeepMind) or make_divisible (timm).</summary>
        private int Round(double width) => checked((int)(_timmRounding ? ChannelMath.MakeDivisible(width * _widthFactor, _divisor) : ChannelMath.Truncate(width * _widthFactor)));

        public ModelPlan Plan(string sourcePath)
        {
            var stageWidths = s.Width!.Select(w => Round(w.Value)).ToList();
            var stem = BuildStem(stageWidths[0]);
            var numerics = new NumericsPlan(
                s.WsEpsilon!.Value.Value == "timm" ? WsEpsilon.Timm : WsEpsilon.DeepMind,
                s.Gelu!.Value.Value == "erf" ? GeluForm.Erf : GeluForm.Tanh,
                s.Padding!.Value.Value == "symmetric" ? PaddingMode.Symmetric : PaddingMode.Same,
                s.StochasticDepth!.Value.Value == "timm" ? StochasticDepthSchedule.Timm : StochasticDepthSchedule.DeepMind);
            var stages = BuildStages(stageWidths, stem.OutChannels, numerics.StochasticDepth);
            var finalConv = BuildFinalConv(stageWidths[stageWidths.Count - 1]);

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
                MacsAtTestSize: 0);
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

        /// <summary>
        /// The explicit stem: the listed widths (first conv stride 2), then a stride-2 conv to width[0] / 2 (DeepMind's
        /// rule). timm's stem types derive their convs from the rounded stem width c.
        /// </summary>
        private StemPlan BuildStem(int firstStageWidth)
        {
            var type = s.StemType!.Value.Value;
            List<(int Width, int Kernel, int Stride)> convs;
            SourceSpan blame;
            if (type == "explicit")
            {
                var widths = s.Stem!.Select(w => (int)w.Value).Append(firstStageWidth / 2).ToList();
                convs = widths.Select((w, i) => (w, 3, i == 0 || i == widths.Count - 1 ? 2 : 1)).ToList();
                blame = s.SpanOf("width");
            }
            else
            {
                var c = Round(s.StemWidth?.Value ?? s.Width![0].Value);
                convs = type switch
                {
                    "deep_quad" => [(c / 8, 3, 2), (c / 4, 3, 1), (c / 2, 3, 1), (c, 3, 2)],
                    "deep" => [(c / 2, 3, 2), (c / 2, 3, 1), (c, 3, 1)],
                    "deep_tiered" => [(3 * c / 8, 3, 2), (c / 2, 3, 1), (c, 3, 1)],
                    "3x3" => [(c, 3, 2)],
                    _ => [(c, 7, 2)],
                };
                blame = s.IsSet("stemWidth") ? s.SpanOf("stemWidth") : s.SpanOf("width");
            }
            if (convs.Any(conv => conv.Width < 1))
                diagnostics.Add(DiagnosticCatalog.NotPositive.At(blame,
                    $"the {type} stem's convs would have {string.Join("/", convs.Select(conv => conv.Width))} channels; every conv needs at least one"));

            var plans = new List<ConvPlan>();
            var inChannels = 3;
            foreach (var (width, kernel, stride) in convs)
            {
                plans.Add(new ConvPlan(convs.Count == 1 ? "stem.conv" : $"stem.conv{plans.Count + 1}", inChannels, Math.Max(width, 1), kernel, stride, 1));
                inChannels = Math.Max(width, 1);
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
                var reported = false;
                for (var blockIndex = 0; blockIndex < depths[stage]; blockIndex++)
                {
                    var ratio = index == 0 && s.FirstBlockExpansion is { } first ? first.Value : expansion;
                    var (mid, groups) = MidAndGroups(_parts.Kind == BlockKind.RegNet ? channels : outChannels, ratio, stage, ref reported);
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

        /// <summary>
        /// DeepMind: int(base × ratio), down to whole groups. timm: make_divisible(base × ratio), groups = mid / groupWidth,
        /// and mid = groups × groupWidth when the group width is a multiple of the channel divisor. Group width 0: dense.
        /// </summary>
        private (int Mid, int Groups) MidAndGroups(int baseWidth, double ratio, int stage, ref bool reported)
        {
            var raw = _timmRounding ? ChannelMath.MakeDivisible(baseWidth * ratio, _divisor) : ChannelMath.Truncate(baseWidth * ratio);
            var mid = checked((int)raw);
            var groupWidth = (int)s.GroupWidth![stage].Value;
            if (groupWidth == 0)
            {
                if (mid < 1 && !reported)
                {
                    reported = true;
                    diagnostics.Add(DiagnosticCatalog.ZeroGroups.At(s.Width![stage].Span,
                        $"stage {stage}: {FormatProduct(baseWidth, ratio)} leaves the block with no mid channels; widen the stage or raise 'expansion'"));
                }
                return (Math.Max(mid, 1), 1);
            }
            var groups = mid / groupWidth;
            if (groups == 0)
            {
                if (!reported)
                {
                    reported = true;
                    diagnostics.Add(DiagnosticCatalog.ZeroGroups.At(s.Width![stage].Span,
                        $"stage {stage}: {FormatProduct(baseWidth, ratio)} = {mid} channels is less than one group of {groupWidth}; widen the stage, raise 'expansion' or lower 'groupWidth'"));
                }
                return (Math.Max(mid, 1), 1);
            }
            if (!_timmRounding || groupWidth % _divisor == 0)
                return (groups * groupWidth, groups);
            if (mid % groups != 0 && !reported)
            {
                reported = true;
                diagnostics.Add(DiagnosticCatalog.GroupsDoNotDivide.At(s.GroupWidth![stage].Span,
                    $"stage {stage}: the mid width rounds to {mid} channels, which {groups} groups of width {groupWidth} do not divide "
                    + $"(timm keeps the rounded width when the group width is not a multiple of channelDivisor {_divisor}); use a group width that divides {mid}"));
            }
            return (mid, groups);
        }

        private string FormatProduct(int width, double ratio) => $"{(_timmRounding ? "make_divisible" : "int")}({width} × {VariantValidator.Format(ratio)})";

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
            var hidden = _timmRounding
                ? ChannelMath.MakeDivisible(channels * ratio, s.SeDivisor!.Value.Value, roundLimit: 0)
                : Math.Max(1, ChannelMath.Truncate(channels * ratio));
            return new AttentionPlan(AttentionKind.SqueezeExcite, place, channels, checked((int)hidden), 0, gain, s.SeActivation!.Value.Value);
        }

        /// <summary>
        /// finalConvWidth (0: none), else finalConvMultiplier: DeepMind int(multiplier × last stage width); timm
        /// make_divisible(widthFactor × int(last width as written × multiplier)).
        /// </summary>
        private ConvPlan? BuildFinalConv(int lastStageWidth)
        {
            int width;
            if (s.FinalConvWidth is { } explicitWidth)
            {
                if (explicitWidth.Value == 0)
                    return null;
                width = Round(explicitWidth.Value);
            }
            else
            {
                var multiplier = s.FinalConvMultiplier!.Value.Value;
                width = _timmRounding
                    ? Round(ChannelMath.Truncate(s.Width![s.Width.Count - 1].Value * multiplier))
                    : checked((int)ChannelMath.Truncate(multiplier * lastStageWidth));
                if (width < 1)
                {
                    diagnostics.Add(DiagnosticCatalog.NotPositive.At(s.SpanOf("finalConvMultiplier"),
                        $"int({VariantValidator.Format(multiplier)} × {lastStageWidth}) leaves the final conv with no channels"));
                    return null;
                }
            }
            return new ConvPlan("final_conv", lastStageWidth, width, 1, 1, 1);
        }
    }
}
