using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;

namespace Nfnet.Onnx.Tests;

/// <summary>The timm parity fixtures (tests/fixtures/timm): real timm models with randomized weights, inputs and timm's logits.</summary>
internal sealed class TimmFixture
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "timm");

    public static string SpecPath { get; } = Path.Combine(Root, "fixtures.nfnet.yaml");

    /// <summary>Case → its variant in fixtures.nfnet.yaml (the 63/64/65 cases share one model).</summary>
    public static readonly IReadOnlyDictionary<string, string> Variants = new Dictionary<string, string>
    {
        ["test_nfnet_64"] = "test_nfnet_64",
        ["dm_nfnet_f0_small_64"] = "dm_nfnet_f0_small",
        ["dm_nfnet_f0_small_63"] = "dm_nfnet_f0_small",
        ["dm_nfnet_f0_small_65"] = "dm_nfnet_f0_small",
        ["nfnet_f0_small_64"] = "nfnet_f0_small",
        ["nfnet_l0_small_64"] = "nfnet_l0_small",
        ["eca_nfnet_l0_small_64"] = "eca_nfnet_l0_small",
        ["nf_resnet50_small_64"] = "nf_resnet50_small",
        ["nf_seresnet26_small_64"] = "nf_seresnet26_small",
        ["nf_ecaresnet26_small_64"] = "nf_ecaresnet26_small",
        ["nf_regnet_b0_small_64"] = "nf_regnet_b0_small",
        ["dm_nfnet_f0_small_64_c10_drop"] = "dm_nfnet_f0_small_c10_drop",
    };

    private readonly JsonElement _json;

    private TimmFixture(string name)
    {
        Name = name;
        Folder = Path.Combine(Root, name);
        _json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "case.json"))).RootElement;
    }

    public string Name { get; }

    public string Folder { get; }

    public string WeightsPath => Path.Combine(Folder, "model.safetensors");

    public static TimmFixture Load(string name) => new(name);

    public static IEnumerable<object[]> Cases() => Variants.Keys.Select(k => new object[] { k });

    public ModelPlan Plan() => ModelSpecs.Find(ModelSpecs.FromFile(SpecPath), Variants[Name]);

    public (float[] Values, long[] Shape) Input() => Read(_json.GetProperty("input"));

    public (float[] Values, long[] Shape) Logits() => Read(_json.GetProperty("logits"));

    private (float[], long[]) Read(JsonElement entry)
    {
        var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(Folder, entry.GetProperty("file").GetString()!));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return (values, shape);
    }
}
