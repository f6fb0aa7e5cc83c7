using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Dsl;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Training.Models;

/// <summary>Finds the <see cref="ModelPlan"/> of a variant: in the built-in specs or in a user's spec file.</summary>
public static class ModelSpecs
{
    private static readonly Lazy<IReadOnlyList<ModelPlan>> Shipped = new(() =>
        ShippedSpecs.Files.SelectMany(f => Compile("specs/" + f.FileName, f.Text)).ToList());

    /// <summary>Every variant of the built-in specs (specs/*.nfnet.yaml, embedded in Nfnet.Dsl): the F/F+ family and timm's models.</summary>
    public static IReadOnlyList<ModelPlan> BuiltIn() => Shipped.Value;

    /// <summary>Every variant of a spec file; throws <see cref="SpecException"/> listing the errors when it has any.</summary>
    public static IReadOnlyList<ModelPlan> FromFile(string path) => Compile(path, File.ReadAllText(path));

    /// <summary>Every variant of spec text; throws <see cref="SpecException"/> listing the errors when it has any.</summary>
    public static IReadOnlyList<ModelPlan> Compile(string path, string text)
    {
        var compilation = SpecCompiler.Compile(path, text);
        if (compilation.HasErrors)
            throw new SpecException(string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError).Select(d => d.ToCanonicalString())));
        return compilation.Plans.ToList();
    }

    /// <summary>The variant named <paramref name="name"/> (case-insensitive, "f0" finds "F0").</summary>
    public static ModelPlan Find(IReadOnlyList<ModelPlan> plans, string name)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new SpecException($"no variant '{name}'; the spec defines {string.Join(", ", plans.Select(p => p.Name))}");
    }
}

/// <summary>A spec could not be compiled or does not define the requested variant.</summary>
public sealed class SpecException(string message) : Exception(message);
