using System.Collections.Generic;

namespace Nfnet.Dsl.Spec;

/// <summary>One key of the spec language.</summary>
/// <param name="Default">The value used when neither the variant nor its bases set the key (long, double, string, long[]); null when required or absent.</param>
/// <param name="Inherited">False for keys that describe one variant only (its name, bases, class).</param>
public sealed record FieldDef(
    string Key,
    FieldKind Kind,
    string Description,
    object? Default = null,
    bool Required = false,
    bool Inherited = true,
    IReadOnlyList<string>? Choices = null,
    IReadOnlyList<FieldDef>? Children = null);
