using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Syntax;

namespace Nfnet.Dsl.Attributes;

/// <summary>
/// Every family of specs/*.nfnet.yaml (F/F+, timm's NFNets, NF-ResNets, NF-RegNets...), embedded in this assembly so an
/// attribute can say <c>Base = "F0+"</c> and a YAML variant <c>base: dm_nfnet_f0</c> without the project having the files.
/// </summary>
public static class ShippedSpecs
{
    /// <summary>Resource names are this prefix plus the spec's file name.</summary>
    public const string ResourcePrefix = "Nfnet.Dsl.ShippedSpecs.";

    /// <summary>The start of the paths shipped variants' spans carry; never a real file, so locations in it are remapped.</summary>
    public const string PathPrefix = "<shipped>/";

    private static readonly Lazy<IReadOnlyList<(string FileName, string Text)>> LazyFiles = new(ReadFiles);

    private static readonly Lazy<IReadOnlyList<VariantDecl>> Variants = new(Load);

    /// <summary>The shipped spec files (file name and text), in file-name order.</summary>
    public static IReadOnlyList<(string FileName, string Text)> Files => LazyFiles.Value;

    /// <summary>The shipped variants, each marked abstract: they serve as bases and are never generated themselves.</summary>
    public static IReadOnlyList<VariantDecl> AsBases => Variants.Value;

    public static IEnumerable<string> Names => Variants.Value.Select(v => v.Name.Value);

    private static IReadOnlyList<(string FileName, string Text)> ReadFiles()
    {
        var assembly = typeof(ShippedSpecs).Assembly;
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((resource.Substring(ResourcePrefix.Length), reader.ReadToEnd()));
        }
        return files;
    }

    private static IReadOnlyList<VariantDecl> Load()
    {
        var variants = new List<VariantDecl>();
        foreach (var (fileName, text) in Files)
        {
            var path = PathPrefix + fileName;
            var diagnostics = new List<SpecDiagnostic>();
            var file = SpecBinder.Bind(path, YamlReader.Read(path, text, diagnostics), diagnostics);
            if (diagnostics.Any(d => d.IsError))
                throw new InvalidOperationException($"the shipped spec {path} has errors: " + string.Join("; ", diagnostics));
            variants.AddRange(file.Variants.Select(MarkAbstract));
        }
        if (variants.Count == 0)
            throw new InvalidOperationException($"no {ResourcePrefix}* resources in {typeof(ShippedSpecs).Assembly.GetName().Name}");
        var duplicate = variants.GroupBy(v => v.Name.Value).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"shipped variant '{duplicate.Key}' is defined twice");
        return variants;
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
