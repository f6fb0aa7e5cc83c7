using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Dsl.Attributes;

/// <summary>
/// An <c>[NfnetModel(...)]</c> on a partial class, reduced to plain values so it can travel through an incremental
/// generator's pipeline (no symbols or syntax nodes: those would root the compilation and defeat caching).
/// </summary>
/// <param name="FilePath">The C# file, exactly as the compilation names it; every span below uses it.</param>
/// <param name="ClassSpan">The class's identifier: where problems with the class's name are reported.</param>
/// <param name="AttributeSpan">The whole attribute: where problems without a more precise place are reported.</param>
public sealed record AttributeSpec(
    string ClassName,
    string Namespace,
    string FilePath,
    SourceSpan ClassSpan,
    SourceSpan AttributeSpan,
    EquatableArray<AttributeArgument> Arguments);

/// <summary>One named argument, e.g. <c>Width = new[] { 256, 512 }</c>.</summary>
/// <param name="Span">The whole argument, name included.</param>
/// <param name="IsArray">True for array-typed properties; <paramref name="Values"/> then holds each element.</param>
public sealed record AttributeArgument(string Name, SourceSpan Span, bool IsArray, EquatableArray<AttributeScalar> Values);

/// <summary>One constant: exactly one of the values is set, or none for a null.</summary>
/// <param name="Span">The element's own expression where it can be found, otherwise the argument's.</param>
public sealed record AttributeScalar(long? Integer, double? Number, string? Text, SourceSpan Span, bool? Boolean = null);
