using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Dsl;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Models.Tests;

/// <summary>The shipped spec's plans (the compiler's view), to compare the generated modules with.</summary>
internal static class ShippedVariants
{
    /// <summary>Every variant the shipped spec defines, in the order the paper lists them.</summary>
    public static readonly string[] Names =
    {
        "F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
        "F0+", "F1+", "F2+", "F3+", "F4+", "F5+", "F6+", "F7+",
    };

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    private static readonly Lazy<IReadOnlyDictionary<string, ModelPlan>> LazyPlans = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "specs", "nfnet.nfnet.yaml");
        var compilation = SpecCompiler.Compile(path, File.ReadAllText(path));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation.Plans.ToDictionary(p => p.Name, StringComparer.Ordinal);
    });

    public static ModelPlan Plan(string name) => LazyPlans.Value[name];
}
