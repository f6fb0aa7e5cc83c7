using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Syntax;

namespace Nfnet.Dsl.Attributes;

/// <summary>
/// The F/F+ family of specs/nfnet.nfnet.yaml, embedded in this assembly so an attribute can say <c>Base = "F0+"</c>
/// without the project having the YAML file.
/// </summary>
public static class ShippedSpecs
{
    public const string ResourceName = "Nfnet.Dsl.ShippedSpecs.nfnet.nfnet.yaml";

    /// <summary>The path shipped variants' spans carry; never a real file, so locations in it are remapped.</summary>
    public const string Path = "<shipped>/nfnet.nfnet.yaml";

    private static readonly Lazy<IReadOnlyList<VariantDecl>> Variants = new(Load);

    /// <summary>The shipped variants, each marked abstract: they serve as bases and are never generated themselves.</summary>
    public static IReadOnlyList<VariantDecl> AsBases => Variants.Value;

    public static IEnumerable<string> Names => Variants.Value.Select(v => v.Name.Value);

    private static IReadOnlyList<VariantDecl> Load()
    {
        using var stream = typeof(ShippedSpecs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(ShippedSpecs).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var diagnostics = new List<SpecDiagnostic>();
        var file = SpecBinder.Bind(Path, YamlReader.Read(Path, reader.ReadToEnd(), diagnostics), diagnostics);
        if (diagnostics.Any(d => d.IsError))
            throw new InvalidOperationException("the shipped spec has errors: " + string.Join("; ", diagnostics));
        return file.Variants.Select(MarkAbstract).ToList();
    }

    private static VariantDecl MarkAbstract(VariantDecl variant)
    {
        var fields = new Dictionary<string, SpecValue>(variant.Fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal)
        {
            ["abstract"] = new BooleanValue(true, variant.Name.Span),
        };
        return variant with { Fields = fields };
    }
}
