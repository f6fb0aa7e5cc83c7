namespace Nfnet.Dsl.Spec;

public enum FieldKind
{
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>Any finite number.</summary>
    Number,
    Boolean,
    Text,
    /// <summary>One of <see cref="FieldDef.Choices"/>.</summary>
    Choice,
    /// <summary>A list of whole numbers.</summary>
    IntegerList,
    /// <summary>A list of numbers.</summary>
    NumberList,
    /// <summary>One whole number per stage, or one for all stages.</summary>
    PerStageInteger,
    /// <summary>One number per stage, or one for all stages.</summary>
    PerStageNumber,
    /// <summary>One of <see cref="FieldDef.Choices"/> per stage, or one for all stages.</summary>
    PerStageChoice,
    /// <summary>A name or a list of names.</summary>
    Names,
    /// <summary>A nested mapping of <see cref="FieldDef.Children"/>.</summary>
    Section,
}
