using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Dsl.Spec;

/// <summary>
/// Every key of the spec language, with its type, default and documentation. The binder, the defaults,
/// docs/spec-language.md and specs/nfnet.schema.json all follow this one table.
/// Defaults follow DeepMind's NFNet constructor (nfnets/nfnet.py).
/// </summary>
public static class FieldCatalog
{
    public static IReadOnlyList<FieldDef> FileFields { get; } =
    [
        new("namespace", FieldKind.Text, "C# namespace of the generated classes.", Default: "Nfnet.Models"),
        new("classPrefix", FieldKind.Text, "Prefix of generated class names: variant F0 becomes NfnetF0, F0+ becomes NfnetF0Plus.", Default: "Nfnet"),
        new("variants", FieldKind.Section, "The model variants, keyed by name (letters, digits, '_', optionally ending in '+').", Required: true),
    ];

    public static IReadOnlyList<FieldDef> NumericsFields { get; } =
    [
        new("wsEpsilon", FieldKind.Choice, "Weight-standardization epsilon: 'deepmind' clamps fan_in·var at 1e-4; 'timm' adds 1e-5 to the variance.", Default: "deepmind", Choices: ["deepmind", "timm"]),
        new("gelu", FieldKind.Choice, "GELU form: 'tanh' approximation (DeepMind/JAX) or exact 'erf' (timm/PyTorch).", Default: "tanh", Choices: ["tanh", "erf"]),
        new("padding", FieldKind.Choice, "Convolution padding: TF-style 'same' (asymmetric for stride 2 on even sizes; DeepMind weights need it) or 'symmetric'.", Default: "same", Choices: ["same", "symmetric"]),
    ];

    public static IReadOnlyList<FieldDef> VariantFields { get; } =
    [
        new("base", FieldKind.Names, "Variant(s) to inherit every unset field from; with a list, later bases override earlier ones.", Inherited: false),
        new("abstract", FieldKind.Boolean, "A template to inherit from: validated when used, never generated.", Default: false, Inherited: false),
        new("className", FieldKind.Text, "Generated class name (default: classPrefix + name, '+' written as 'Plus').", Inherited: false),
        new("description", FieldKind.Text, "One line for the generated class's doc comment.", Inherited: false),
        new("width", FieldKind.PerStageInteger, "Output channels of each stage.", Required: true),
        new("depth", FieldKind.PerStageInteger, "Blocks in each stage, before depthMultiplier.", Required: true),
        new("depthMultiplier", FieldKind.Integer, "Multiplies every stage depth: F1 is [1, 2, 6, 3] × 2.", Default: 1L),
        new("stride", FieldKind.PerStageInteger, "Stride of each stage's first block (1 or 2). Default: 1 for the first stage, 2 after (the stem already strides by 4).", Default: "1,2,2,..."),
        new("groupWidth", FieldKind.PerStageInteger, "Channels per group in the 3×3 convs; the block width is rounded down to a multiple of it.", Default: 128L),
        new("expansion", FieldKind.PerStageNumber, "Bottleneck ratio: block width = int(stage width × expansion), then rounded to whole groups.", Default: 0.5),
        new("seRatio", FieldKind.PerStageNumber, "Squeeze-excite hidden width = max(1, int(stage width × seRatio)).", Default: 0.5),
        new("activation", FieldKind.Choice, "Nonlinearity, scaled by its variance-preserving γ.", Default: "gelu", Choices: ActivationGammas.Names),
        new("alpha", FieldKind.Number, "Residual branch scale α: the variance grows by α² per block.", Default: 0.2),
        new("stem", FieldKind.IntegerList, "Widths of the stem's leading 3×3 convs (first with stride 2); a last stride-2 conv outputs width[0] / 2 channels.", Default: new long[] { 16, 32, 64 }),
        new("finalConvMultiplier", FieldKind.Number, "The 1×1 final conv has int(multiplier × last width) channels.", Default: 2.0),
        new("stochasticDepthRate", FieldKind.Number, "Stochastic-depth rate; block i of N drops its residual with probability rate·i/N.", Default: 0.1),
        new("dropRate", FieldKind.Number, "Dropout before the classifier.", Default: 0.0),
        new("trainImageSize", FieldKind.Integer, "Training resolution (square).", Required: true),
        new("testImageSize", FieldKind.Integer, "Evaluation resolution (square); MACs are reported at this size. Default: trainImageSize.", Default: "trainImageSize"),
        new("numClasses", FieldKind.Integer, "Classifier outputs.", Default: 1000L),
        new("numerics", FieldKind.Section, "How the numerics follow DeepMind or timm.", Children: NumericsFields),
    ];

    public static FieldDef? FindVariantField(string key) => VariantFields.FirstOrDefault(f => f.Key == key);
}
