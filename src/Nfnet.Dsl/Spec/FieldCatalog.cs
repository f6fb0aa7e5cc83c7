using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Dsl.Spec;

/// <summary>
/// Every key of the spec language, with its type, default and documentation. The binder, the defaults,
/// docs/spec-language.md and specs/nfnet.schema.json all follow this one table.
/// Defaults follow DeepMind's NFNet constructor (nfnets/nfnet.py), so a spec that sets only widths, depths and image
/// sizes is an NFNet-F; the other families (timm's NfCfg, DeepMind's NF-ResNet and NF-RegNet) are spelled with the keys
/// marked "family" in the docs.
/// </summary>
public static class FieldCatalog
{
    public static IReadOnlyList<FieldDef> FileFields { get; } =
    [
        new("namespace", FieldKind.Text, "C# namespace of the generated classes.", Default: "Nfnet.Models"),
        new("classPrefix", FieldKind.Text, "Prefix of generated class names: the name's '_'-separated parts are capitalized and joined, '+' written as 'Plus' (F0+ becomes NfnetF0Plus; with an empty prefix dm_nfnet_f0 becomes DmNfnetF0).", Default: "Nfnet"),
        new("variants", FieldKind.Section, "The model variants, keyed by name (letters, digits, '_', optionally ending in '+').", Required: true),
    ];

    public static IReadOnlyList<FieldDef> NumericsFields { get; } =
    [
        new("wsEpsilon", FieldKind.Choice, "Weight-standardization epsilon: 'deepmind' clamps fan_in·var at 1e-4; 'timm' adds 1e-5 to the variance.", Default: "deepmind", Choices: ["deepmind", "timm"]),
        new("gelu", FieldKind.Choice, "GELU form: 'tanh' approximation (DeepMind/JAX) or exact 'erf' (timm/PyTorch).", Default: "tanh", Choices: ["tanh", "erf"]),
        new("padding", FieldKind.Choice, "Convolution and max-pool padding: TF-style 'same' (asymmetric for stride 2 on even sizes; DeepMind and timm's dm_ models) or 'symmetric' (timm's other models).", Default: "same", Choices: ["same", "symmetric"]),
        new("stochasticDepth", FieldKind.Choice, "Stochastic depth: 'deepmind' drops block i of N with rate·i/N and does not rescale; 'timm' uses rate·i/(N−1) and divides kept branches by the keep probability.", Default: "deepmind", Choices: ["deepmind", "timm"]),
    ];

    public static IReadOnlyList<FieldDef> PreprocessFields { get; } =
    [
        new("cropPct", FieldKind.Number, "With --preprocess timm, the evaluation image is resized to floor(size / cropPct) before its centre size×size crop (timm's crop_pct; its test_crop_pct where it has one).", Default: 0.9),
        new("cropMode", FieldKind.Choice, "With --preprocess timm: 'center' resizes the shorter side, 'squash' resizes both sides to floor(size / cropPct) (timm's crop_mode; dm_nfnet uses squash).", Default: "center", Choices: ["center", "squash"]),
        new("mean", FieldKind.NumberList, "With --preprocess timm, the per-channel (RGB) mean subtracted from pixels in [0, 1] (timm's mean).", Default: new[] { 0.485, 0.456, 0.406 }),
        new("std", FieldKind.NumberList, "With --preprocess timm, the per-channel (RGB) standard deviation pixels are divided by (timm's std).", Default: new[] { 0.229, 0.224, 0.225 }),
    ];

    public static IReadOnlyList<string> StemTypes { get; } = ["explicit", "deep_quad", "deep", "deep_tiered", "3x3", "7x7"];

    public static IReadOnlyList<string> AttentionKinds { get; } = ["none", "se", "eca"];

    public static IReadOnlyList<FieldDef> VariantFields { get; } =
    [
        new("base", FieldKind.Names, "Variant(s) to inherit every unset field from, in this file or shipped with Nfnet.Dsl; with a list, later bases override earlier ones.", Inherited: false),
        new("abstract", FieldKind.Boolean, "A template to inherit from: validated when used, never generated.", Default: false, Inherited: false),
        new("className", FieldKind.Text, "Generated class name (default: classPrefix + the name's capitalized '_'-separated parts, '+' written as 'Plus').", Inherited: false),
        new("description", FieldKind.Text, "One line for the generated class's doc comment.", Inherited: false),
        new("width", FieldKind.PerStageInteger, "Output channels of each stage, before widthFactor and rounding.", Required: true),
        new("depth", FieldKind.PerStageInteger, "Blocks in each stage, before depthMultiplier.", Required: true),
        new("depthMultiplier", FieldKind.Integer, "Multiplies every stage depth: F1 is [1, 2, 6, 3] × 2.", Default: 1L),
        new("stride", FieldKind.PerStageInteger, "Stride of each stage's first block (1 or 2). Default: 2 for every stage, except 1 for the first when the stem already strides by 4.", Default: "1 or 2,2,2,..."),
        new("groupWidth", FieldKind.PerStageInteger, "Channels per group in the 3×3 convs; the mid width is rounded to whole groups. 0: dense 3×3 convs (one group, timm group_size None).", Default: 128L),
        new("expansion", FieldKind.PerStageNumber, "Bottleneck ratio: mid width = stage width × expansion (block: regnet, the block's input width × expansion), rounded, then to whole groups.", Default: 0.5),
        new("firstBlockExpansion", FieldKind.Number, "Bottleneck ratio of the network's very first block only (NF-RegNet: 1). Default: the first stage's expansion."),
        new("block", FieldKind.Choice, "Block kind: 'bottleneck' (NFNet, NF-ResNet: mid width from the output width, attention after conv3) or 'regnet' (NF-RegNet: mid width from the input width, attention between the 3×3 convs and conv3).", Default: "bottleneck", Choices: ["bottleneck", "regnet"]),
        new("extraConv", FieldKind.Boolean, "Whether blocks have the second grouped 3×3 conv conv2b (NFNet-F; timm extra_conv).", Default: true),
        new("attention", FieldKind.PerStageChoice, "Channel attention of each stage's blocks: 'se' (squeeze-excite), 'eca' (efficient channel attention) or 'none'.", Default: "se", Choices: AttentionKinds),
        new("attentionPlace", FieldKind.Choice, "Where attention gates the branch: 'last' (after conv3, module attn_last) or 'mid' (before conv3, module attn). Default: 'last' for bottleneck blocks, 'mid' for regnet blocks.", Choices: ["last", "mid"]),
        new("attentionGain", FieldKind.Number, "The attention output is multiplied by this gain (DeepMind's ×2 keeps the variance of an untrained 0.5 gate).", Default: 2.0),
        new("seRatio", FieldKind.PerStageNumber, "Squeeze-excite hidden width ratio: max(1, int(C × seRatio)) with deepmind rounding, make_divisible(C × seRatio, seDivisor) with timm rounding; C is the gated width.", Default: 0.5),
        new("seDivisor", FieldKind.Integer, "With timm rounding, the squeeze-excite hidden width rounds to the nearest multiple of this (at least one multiple; timm rd_divisor).", Default: 8L),
        new("seActivation", FieldKind.Choice, "Activation between the squeeze-excite convs, without γ (DeepMind and timm: relu).", Default: "relu", Choices: ActivationGammas.Names),
        new("ecaKernel", FieldKind.Integer, "Kernel of the ECA conv across channels (odd). Default: timm's adaptive size from the gated width C: t = int(|log2(C) + 1| / 2), t or t + 1 to be odd, at least 3."),
        new("activation", FieldKind.Choice, "Nonlinearity, scaled by its variance-preserving γ.", Default: "gelu", Choices: ActivationGammas.Names),
        new("gammaPlacement", FieldKind.Choice, "Where γ is applied: 'activation' (γ·f(x); DeepMind, timm dm_ models) or 'conv' (folded into every conv's weight scale, stem and final conv included; timm's other models).", Default: "activation", Choices: ["activation", "conv"]),
        new("alpha", FieldKind.Number, "Residual branch scale α: the variance grows by α² per block.", Default: 0.2),
        new("rounding", FieldKind.Choice, "Channel rounding: 'deepmind' truncates (int(), mid width down to whole groups); 'timm' uses make_divisible with channelDivisor (nearest multiple, never below 90%) for stem, stage, mid and final conv widths.", Default: "deepmind", Choices: ["deepmind", "timm"]),
        new("channelDivisor", FieldKind.Integer, "With timm rounding, the multiple every width rounds to (timm ch_div).", Default: 8L),
        new("widthFactor", FieldKind.Number, "Multiplies the stem, stage and final conv widths before rounding (timm width_factor; NF-RegNet 0.75).", Default: 1.0),
        new("stemType", FieldKind.Choice, "Stem: 'explicit' (the 3×3 convs of 'stem', then a stride-2 3×3 conv to width[0] / 2; DeepMind NFNet-F), or timm's 'deep_quad' (c/8, c/4, c/2, c; strides 2, 1, 1, 2), 'deep' (c/2, c/2, c; strides 2, 1, 1), 'deep_tiered' (3c/8, c/2, c), '3x3' (one 3×3/2 conv) or '7x7' (one 7×7/2 conv), c being stemWidth.", Default: "explicit", Choices: StemTypes),
        new("stem", FieldKind.IntegerList, "Widths of the explicit stem's leading 3×3 convs (first with stride 2); a last stride-2 conv outputs width[0] / 2 channels.", Default: new long[] { 16, 32, 64 }),
        new("stemWidth", FieldKind.Integer, "Output width c of a timm stem type, before widthFactor and rounding (timm stem_chs). Default: width[0]."),
        new("stemPool", FieldKind.Boolean, "Whether a 3×3 stride-2 max-pool follows the stem's last conv (timm '*_pool' stems, NF-ResNet).", Default: false),
        new("shortcut", FieldKind.Choice, "Projection shortcut of blocks that change width or stride: 'avgpool' (2×2 average pool when strided, then 1×1 conv) or 'conv' (a strided 1×1 conv, DeepMind NF-ResNet).", Default: "avgpool", Choices: ["avgpool", "conv"]),
        new("finalConvMultiplier", FieldKind.Number, "The 1×1 final conv has int(multiplier × last width) channels (timm rounding: of the last width before widthFactor, then widthFactor and rounding).", Default: 2.0),
        new("finalConvWidth", FieldKind.Integer, "Channels of the 1×1 final conv before widthFactor and rounding (timm num_features), instead of finalConvMultiplier; 0 removes the final conv, so the head sees the last stage."),
        new("zeroInit", FieldKind.Choice, "How each residual branch starts at zero: 'skipinitGain' (a scalar skipinit_gain parameter; DeepMind, timm dm_ models) or 'conv3Gain' (conv3's gain starts at 0, no extra tensor; timm's other models).", Default: "skipinitGain", Choices: ["skipinitGain", "conv3Gain"]),
        new("stochasticDepthRate", FieldKind.Number, "Stochastic-depth rate; block i of N drops its residual with probability rate·i/N (numerics.stochasticDepth: timm, rate·i/(N−1)).", Default: 0.1),
        new("dropRate", FieldKind.Number, "Dropout before the classifier.", Default: 0.0),
        new("trainImageSize", FieldKind.Integer, "Training resolution (square).", Required: true),
        new("testImageSize", FieldKind.Integer, "Evaluation resolution (square); MACs are reported at this size. Default: trainImageSize.", Default: "trainImageSize"),
        new("numClasses", FieldKind.Integer, "Classifier outputs.", Default: 1000L),
        new("numerics", FieldKind.Section, "How the numerics follow DeepMind or timm.", Children: NumericsFields),
        new("preprocess", FieldKind.Section, "How timm prepares evaluation images for these weights (used by --preprocess timm; bicubic resampling).", Children: PreprocessFields),
    ];

    public static FieldDef? FindVariantField(string key) => VariantFields.FirstOrDefault(f => f.Key == key);

    /// <summary>A variant key ("width") or a section's key ("numerics.gelu", "preprocess.cropPct").</summary>
    public static FieldDef? Find(string key)
    {
        var dot = key.IndexOf('.');
        if (dot < 0)
            return FindVariantField(key);
        var section = FindVariantField(key.Substring(0, dot));
        return section?.Children?.FirstOrDefault(f => f.Key == key.Substring(dot + 1));
    }
}
