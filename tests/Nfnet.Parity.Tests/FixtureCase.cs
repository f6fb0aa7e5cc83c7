using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace Nfnet.Parity.Tests;

/// <summary>One timm fixture: the case.json facts and its float32 files (README.md beside the fixtures).</summary>
internal sealed class FixtureCase
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "timm");

    private readonly JsonElement _json;

    private FixtureCase(string name)
    {
        Name = name;
        Folder = Path.Combine(Root, name);
        _json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "case.json"))).RootElement;
    }

    public string Name { get; }

    public string Folder { get; }

    public static FixtureCase Load(string name) => new(name);

    /// <summary>Every case of index.json.</summary>
    public static IReadOnlyList<string> All()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "index.json")));
        return index.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("case").GetString()!).ToList();
    }

    public string WeightsPath => Path.Combine(Folder, "model.safetensors");

    public long Parameters => _json.GetProperty("parameters").GetInt64();

    public Tensor Input() => Read(_json.GetProperty("input"));

    public Tensor Logits() => Read(_json.GetProperty("logits"));

    /// <summary>The taps in execution order: name, expected tensor and the scale its tolerance is relative to.</summary>
    public IEnumerable<(string Name, Tensor Expected, double MaxAbs)> Taps() =>
        _json.GetProperty("taps").EnumerateArray().Select(t => (t.GetProperty("name").GetString()!, Read(t), t.GetProperty("max_abs").GetDouble()));

    /// <summary>The state_dict as timm lists it: name → shape, in order.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> StateDict() =>
        _json.GetProperty("state_dict").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray())).ToList();

    private Tensor Read(JsonElement entry)
    {
        var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(Folder, entry.GetProperty("file").GetString()!));
        if (bytes.Length != 4 * shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"{Name}: {entry.GetProperty("file").GetString()} has {bytes.Length} bytes for shape [{string.Join(", ", shape)}]");
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return tensor(values).reshape(shape);
    }
}
