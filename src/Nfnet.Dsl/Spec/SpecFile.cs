using System.Collections.Generic;

namespace Nfnet.Dsl.Spec;

/// <summary>A variant as written: its own keys only (numerics keys flattened as "numerics.gelu").</summary>
public sealed record VariantDecl(TextValue Name, IReadOnlyDictionary<string, SpecValue> Fields)
{
    public IReadOnlyList<TextValue> Bases =>
        Fields.TryGetValue("base", out var value) && value is ListValue list
            ? list.Items.OfType<TextValue>()
            : [];

    public bool IsAbstract => Fields.TryGetValue("abstract", out var value) && value is BooleanValue { Value: true };
}

/// <summary>A parsed spec file: file-level settings and its variants in file order.</summary>
/// <param name="IsAttributeSpec">True for the one-variant file an [NfnetModel] class becomes, so messages speak of its C# arguments.</param>
public sealed record SpecFile(string Path, string Namespace, TextValue? NamespaceValue, string ClassPrefix, TextValue? ClassPrefixValue, IReadOnlyList<VariantDecl> Variants, bool IsAttributeSpec = false);

internal static class EnumerableExtensions
{
    public static IReadOnlyList<T> OfType<T>(this IReadOnlyList<SpecValue> items) => System.Linq.Enumerable.ToList(System.Linq.Enumerable.OfType<T>(items));
}
