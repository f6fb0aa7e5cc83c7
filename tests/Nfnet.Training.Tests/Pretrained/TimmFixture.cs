using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.Pretrained;

/// <summary>A timm fixture (tests/fixtures/timm, copied next to the tests): its files, input and logits.</summary>
internal sealed class TimmFixture(string name)
{
    public string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static string SpecPath { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "fixtures.nfnet.yaml");

    public string Safetensors => Path.Combine(Folder, "model.safetensors");

    public string Pth => Path.Combine(Folder, "model.pth");

    public Tensor Input() => Read("input");

    public Tensor Logits() => Read("logits");

    private Tensor Read(string key)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "case.json")));
        var entry = json.RootElement.GetProperty(key);
        var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(Folder, entry.GetProperty("file").GetString()!));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return tensor(values).reshape(shape);
    }
}
