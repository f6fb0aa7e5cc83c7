using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Validation;

/// <summary>
/// A concrete variant's settings, every default applied and every per-stage value expanded to one per stage.
/// Each value keeps the span to blame: its own node, or the variant's name where a default filled it in. A value that
/// could not be read (wrong type, unknown choice, wrong number of stages; already reported) is null, so the checks that
/// need it are skipped while every other check still runs.
/// </summary>
public sealed record VariantSettings(
    Located<string> Name,
    Located<string> ClassName,
    Located<string> Namespace,
    Located<string> Description,
    int StageCount,
    IReadOnlyList<Located<long>>? Width,
    IReadOnlyList<Located<long>>? Depth,
    Located<long>? DepthMultiplier,
    IReadOnlyList<Located<long>>? Stride,
    IReadOnlyList<Located<long>>? GroupWidth,
    IReadOnlyList<Located<double>>? Expansion,
    Located<double>? FirstBlockExpansion,
    Located<string>? Block,
    Located<bool>? ExtraConv,
    IReadOnlyList<Located<string>>? Attention,
    Located<string>? AttentionPlace,
    Located<double>? AttentionGain,
    IReadOnlyList<Located<double>>? SeRatio,
    Located<long>? SeDivisor,
    Located<string>? SeActivation,
    Located<long>? EcaKernel,
    Located<string>? Activation,
    Located<string>? GammaPlacement,
    Located<double>? Alpha,
    Located<string>? Rounding,
    Located<long>? ChannelDivisor,
    Located<double>? WidthFactor,
    Located<string>? StemType,
    IReadOnlyList<Located<long>>? Stem,
    SourceSpan StemSpan,
    Located<long>? StemWidth,
    Located<bool>? StemPool,
    Located<string>? Shortcut,
    Located<double>? FinalConvMultiplier,
    Located<long>? FinalConvWidth,
    Located<string>? ZeroInit,
    Located<double>? StochasticDepthRate,
    Located<double>? DropRate,
    Located<long>? TrainImageSize,
    Located<long>? TestImageSize,
    Located<long>? NumClasses,
    Located<string>? WsEpsilon,
    Located<string>? Gelu,
    Located<string>? Padding,
    Located<string>? StochasticDepth,
    Located<double>? CropPct,
    Located<string>? CropMode,
    IReadOnlyList<Located<double>>? Mean,
    IReadOnlyList<Located<double>>? Std,
    IReadOnlyDictionary<string, SpecValue> Written)
{
    /// <summary>The per-stage keys; the first one written as a list fixes the number of stages.</summary>
    public static IReadOnlyList<string> PerStageKeys { get; } = ["width", "depth", "stride", "groupWidth", "expansion", "seRatio", "attention"];

    /// <summary>Whether the variant or one of its bases sets <paramref name="key"/> (readable or not).</summary>
    public bool IsSet(string key) => Written.ContainsKey(key);

    /// <summary>The span of a key as written, or the variant's name when it is not.</summary>
    public SourceSpan SpanOf(string key) => Written.TryGetValue(key, out var v) ? v.Span : Name.Span;

    /// <summary>Whether every value the plan builder needs could be read.</summary>
    public bool IsComplete =>
        Width is not null && Depth is not null && DepthMultiplier is not null && Stride is not null && GroupWidth is not null
        && Expansion is not null && Block is not null && ExtraConv is not null && Attention is not null && AttentionPlace is not null
        && AttentionGain is not null && SeRatio is not null && SeDivisor is not null && SeActivation is not null && Activation is not null
        && GammaPlacement is not null && Alpha is not null && Rounding is not null && ChannelDivisor is not null && WidthFactor is not null
        && StemType is not null && Stem is not null && StemPool is not null && Shortcut is not null && FinalConvMultiplier is not null
        && ZeroInit is not null && StochasticDepthRate is not null && DropRate is not null && TrainImageSize is not null
        && TestImageSize is not null && NumClasses is not null && WsEpsilon is not null && Gelu is not null && Padding is not null
        && StochasticDepth is not null && CropPct is not null && CropMode is not null && Mean is not null && Std is not null
        && (!IsSet("firstBlockExpansion") || FirstBlockExpansion is not null)
        && (!IsSet("ecaKernel") || EcaKernel is not null) && (!IsSet("stemWidth") || StemWidth is not null)
        && (!IsSet("finalConvWidth") || FinalConvWidth is not null);

    /// <summary>Reads a resolved variant, reporting what cannot be read; never stops at the first problem.</summary>
    public static VariantSettings Read(ResolvedVariant variant, SpecFile file, List<SpecDiagnostic> diagnostics)
    {
        var reader = new VariantReader(variant, diagnostics);
        var name = new Located<string>(variant.Name, variant.Decl.Name.Span);
        var (stages, stagesKey) = reader.StageCount(PerStageKeys);
        if (stages == 0)
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(reader.SpanOf(stagesKey), $"'{stagesKey}' is empty; a variant needs at least one stage"));
        var perStage = stages;

        var stemType = reader.Choice("stemType");
        var stemPool = reader.Boolean("stemPool");
        var block = reader.Choice("block");
        var stride = reader.PerStage<long>("stride", perStage, stagesKey, defaults: stemType is null || stemPool is null
            ? null
            : i => i == 0 && StemStride(stemType.Value.Value, stemPool.Value.Value) >= 4 ? 1L : 2L);

        var className = reader.Text("className") ?? reader.Default(file.ClassPrefix + ClassNames.FromVariantName(variant.Name));
        var settings = new VariantSettings(
            name,
            className,
            file.NamespaceValue is { } ns ? new Located<string>(ns.Value, ns.Span) : reader.Default(file.Namespace),
            reader.Text("description") ?? reader.Default(""),
            stages,
            reader.PerStage<long>("width", perStage, stagesKey),
            reader.PerStage<long>("depth", perStage, stagesKey),
            reader.Scalar<long>("depthMultiplier"),
            stride,
            reader.PerStage<long>("groupWidth", perStage, stagesKey),
            reader.PerStage<double>("expansion", perStage, stagesKey),
            reader.Scalar<double>("firstBlockExpansion"),
            block,
            reader.Boolean("extraConv"),
            reader.PerStageChoice("attention", perStage, stagesKey),
            reader.Choice("attentionPlace") ?? (block is null ? null : reader.Default(block.Value.Value == "regnet" ? "mid" : "last")),
            reader.Scalar<double>("attentionGain"),
            reader.PerStage<double>("seRatio", perStage, stagesKey),
            reader.Scalar<long>("seDivisor"),
            reader.Choice("seActivation"),
            reader.Scalar<long>("ecaKernel"),
            reader.Choice("activation"),
            reader.Choice("gammaPlacement"),
            reader.Scalar<double>("alpha"),
            reader.Choice("rounding"),
            reader.Scalar<long>("channelDivisor"),
            reader.Scalar<double>("widthFactor"),
            stemType,
            reader.List<long>("stem"),
            reader.SpanOf("stem"),
            reader.Scalar<long>("stemWidth"),
            stemPool,
            reader.Choice("shortcut"),
            reader.Scalar<double>("finalConvMultiplier"),
            reader.Scalar<long>("finalConvWidth"),
            reader.Choice("zeroInit"),
            reader.Scalar<double>("stochasticDepthRate"),
            reader.Scalar<double>("dropRate"),
            reader.Scalar<long>("trainImageSize"),
            null,
            reader.Scalar<long>("numClasses"),
            reader.Choice("numerics.wsEpsilon"),
            reader.Choice("numerics.gelu"),
            reader.Choice("numerics.padding"),
            reader.Choice("numerics.stochasticDepth"),
            reader.Scalar<double>("preprocess.cropPct"),
            reader.Choice("preprocess.cropMode"),
            reader.List<double>("preprocess.mean"),
            reader.List<double>("preprocess.std"),
            variant.Fields);
        // testImageSize defaults to trainImageSize, at the train size's own node.
        var test = variant.Fields.ContainsKey("testImageSize") ? reader.Scalar<long>("testImageSize") : settings.TrainImageSize;
        return settings with { TestImageSize = test };
    }

    /// <summary>The stride of a stem type: 4 for the explicit and deep_quad stems, else 2; doubled by the pool.</summary>
    public static int StemStride(string stemType, bool pool) => (stemType is "explicit" or "deep_quad" ? 4 : 2) * (pool ? 2 : 1);
}
