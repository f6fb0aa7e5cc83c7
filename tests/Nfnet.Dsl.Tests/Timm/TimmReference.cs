using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests.Timm;

/// <summary>tests/fixtures/timm/models.json (every NF model timm 1.0.28 builds, read back from the built modules) and our plans of them.</summary>
internal static class TimmReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "timm-models.json"))));

    private static readonly Lazy<IReadOnlyDictionary<string, ModelPlan>> ShippedPlans = new(() =>
    {
        var plans = new Dictionary<string, ModelPlan>(StringComparer.Ordinal);
        foreach (var (fileName, text) in ShippedSpecs.Files)
        {
            var compilation = SpecCompiler.Compile("specs/" + fileName, text);
            Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
            foreach (var plan in compilation.Plans)
                plans.Add(plan.Name, plan);
        }
        return plans;
    });

    public static IEnumerable<JsonElement> Models => Document.Value.RootElement.GetProperty("models").EnumerateArray();

    public static JsonElement Model(string name) => Models.Single(m => m.GetProperty("name").GetString() == name);

    public static IEnumerable<string> Names => Models.Select(m => m.GetProperty("name").GetString()!);

    public static ModelPlan Plan(string name) => ShippedPlans.Value[name];

    public static TheoryData<string> NameData()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
            data.Add(name);
        return data;
    }
}
