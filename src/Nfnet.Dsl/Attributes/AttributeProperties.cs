using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Attributes;

/// <summary>The C# type of an <c>[NfnetModel]</c> property.</summary>
public enum AttributePropertyType
{
    Int,
    Double,
    String,
    Bool,
    IntArray,
    DoubleArray,
    StringArray,
}

/// <summary>
/// One property of <c>[NfnetModel]</c> and the spec key it sets.
/// </summary>
/// <param name="Broadcast">
/// True for the scalar form of a per-stage key (GroupWidth = 128 applies to every stage); its array twin
/// (GroupWidths = [...]) gives one value per stage. An attribute property has one type, so the two forms need two names.
/// </param>
/// <param name="Summary">The property's own doc text where the key's does not fit the attribute; null to reuse the key's.</param>
public sealed record AttributeProperty(string Name, AttributePropertyType Type, string FieldKey, bool Broadcast = false, string? Summary = null)
{
    /// <summary>The property's doc comment: the key's documentation in <see cref="FieldCatalog"/> unless it has its own.</summary>
    public string Description => Summary ?? FieldCatalog.Find(FieldKey)!.Description;

    public bool IsArray => Type is AttributePropertyType.IntArray or AttributePropertyType.DoubleArray or AttributePropertyType.StringArray;
}

/// <summary>
/// The properties of <c>[NfnetModel]</c>: the spec language's variant keys under C# names. Both the attribute's source
/// and the reading of its arguments follow this one table, so they cannot drift apart. Left out on purpose: 'abstract'
/// (an attributed class is always generated), 'className' and 'namespace' (the class's own name and namespace).
/// </summary>
public static class AttributeProperties
{
    public const string AttributeNamespace = "Nfnet";
    public const string AttributeName = "NfnetModelAttribute";
    public const string AttributeMetadataName = AttributeNamespace + "." + AttributeName;

    public static IReadOnlyList<AttributeProperty> All { get; } =
    [
        new("Base", AttributePropertyType.String, "base",
            Summary: "A shipped variant (F0..F7, F0+..F7+, or a timm name such as dm_nfnet_f0 or nf_resnet50) whose keys apply wherever this attribute sets none."),
        new("Description", AttributePropertyType.String, "description"),
        new("Width", AttributePropertyType.IntArray, "width"),
        new("Depth", AttributePropertyType.IntArray, "depth"),
        new("DepthMultiplier", AttributePropertyType.Int, "depthMultiplier"),
        new("Stride", AttributePropertyType.IntArray, "stride"),
        new("GroupWidth", AttributePropertyType.Int, "groupWidth", Broadcast: true),
        new("GroupWidths", AttributePropertyType.IntArray, "groupWidth"),
        new("Expansion", AttributePropertyType.Double, "expansion", Broadcast: true),
        new("Expansions", AttributePropertyType.DoubleArray, "expansion"),
        new("FirstBlockExpansion", AttributePropertyType.Double, "firstBlockExpansion"),
        new("Block", AttributePropertyType.String, "block"),
        new("ExtraConv", AttributePropertyType.Bool, "extraConv"),
        new("Attention", AttributePropertyType.String, "attention", Broadcast: true),
        new("Attentions", AttributePropertyType.StringArray, "attention"),
        new("AttentionPlace", AttributePropertyType.String, "attentionPlace"),
        new("AttentionGain", AttributePropertyType.Double, "attentionGain"),
        new("SeRatio", AttributePropertyType.Double, "seRatio", Broadcast: true),
        new("SeRatios", AttributePropertyType.DoubleArray, "seRatio"),
        new("SeDivisor", AttributePropertyType.Int, "seDivisor"),
        new("SeActivation", AttributePropertyType.String, "seActivation"),
        new("EcaKernel", AttributePropertyType.Int, "ecaKernel"),
        new("Activation", AttributePropertyType.String, "activation"),
        new("GammaPlacement", AttributePropertyType.String, "gammaPlacement"),
        new("Alpha", AttributePropertyType.Double, "alpha"),
        new("Rounding", AttributePropertyType.String, "rounding"),
        new("ChannelDivisor", AttributePropertyType.Int, "channelDivisor"),
        new("WidthFactor", AttributePropertyType.Double, "widthFactor"),
        new("StemType", AttributePropertyType.String, "stemType"),
        new("Stem", AttributePropertyType.IntArray, "stem"),
        new("StemWidth", AttributePropertyType.Int, "stemWidth"),
        new("StemPool", AttributePropertyType.Bool, "stemPool"),
        new("Shortcut", AttributePropertyType.String, "shortcut"),
        new("FinalConvMultiplier", AttributePropertyType.Double, "finalConvMultiplier"),
        new("FinalConvWidth", AttributePropertyType.Int, "finalConvWidth"),
        new("ZeroInit", AttributePropertyType.String, "zeroInit"),
        new("StochasticDepthRate", AttributePropertyType.Double, "stochasticDepthRate"),
        new("DropRate", AttributePropertyType.Double, "dropRate"),
        new("TrainImageSize", AttributePropertyType.Int, "trainImageSize"),
        new("TestImageSize", AttributePropertyType.Int, "testImageSize"),
        new("NumClasses", AttributePropertyType.Int, "numClasses"),
        new("WsEpsilon", AttributePropertyType.String, "numerics.wsEpsilon"),
        new("Gelu", AttributePropertyType.String, "numerics.gelu"),
        new("Padding", AttributePropertyType.String, "numerics.padding"),
        new("StochasticDepth", AttributePropertyType.String, "numerics.stochasticDepth"),
        new("CropPct", AttributePropertyType.Double, "preprocess.cropPct"),
        new("CropMode", AttributePropertyType.String, "preprocess.cropMode"),
        new("Mean", AttributePropertyType.DoubleArray, "preprocess.mean"),
        new("Std", AttributePropertyType.DoubleArray, "preprocess.std"),
    ];

    /// <summary>Spec keys an attribute cannot set, because the attributed class itself decides them.</summary>
    public static IReadOnlyList<string> NotSettableKeys { get; } = ["abstract", "className"];

    public static AttributeProperty? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
