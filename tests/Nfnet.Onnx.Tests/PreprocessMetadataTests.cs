using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Imaging;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>A preprocessing preset as model metadata (Nfnet.Imaging's <see cref="PreprocessMetadata"/>): the keys, the round trip, bad values.</summary>
public class PreprocessMetadataTests
{
    private static readonly PreprocessPreset DmNfnet = PreprocessPreset.Timm(0.9, CropMode.Squash, new[] { 0.485f, 0.456f, 0.406f }, new[] { 0.229f, 0.224f, 0.225f });

    private static Dictionary<string, string> Entries(PreprocessPreset preset) => PreprocessMetadata.For(preset).ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void A_timm_preset_is_its_name_crop_and_statistics()
    {
        Assert.Equal(new Dictionary<string, string>
        {
            ["nfnet.preprocess"] = "timm",
            ["nfnet.preprocess.crop_pct"] = "0.9",
            ["nfnet.preprocess.crop_mode"] = "squash",
            ["nfnet.preprocess.mean"] = "0.485,0.456,0.406",
            ["nfnet.preprocess.std"] = "0.229,0.224,0.225",
        }, Entries(DmNfnet));
    }

    [Fact]
    public void Every_preset_reads_back_equal()
    {
        // 1/3 and 0.1 have no short decimal form: the round trip must keep every bit.
        var odd = PreprocessPreset.Timm(0.1, CropMode.Center, new[] { 1f / 3, 0f, 0.5f }, new[] { 0.1f, 2f / 3, 1f });
        foreach (var preset in new[] { PreprocessPreset.DeepMind, DmNfnet, odd, PreprocessPreset.DeepMind.WithStatistics(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.25f, 0.5f, 1f }) })
            Assert.Equal(preset, PreprocessMetadata.Read(Entries(preset), "m.onnx"));
        Assert.NotEqual(DmNfnet, PreprocessPreset.Timm(0.9, CropMode.Center, DmNfnet.Mean, DmNfnet.Std));
    }

    [Fact]
    public void No_keys_is_deepmind_with_imagenet_statistics()
    {
        Assert.Same(PreprocessPreset.DeepMind, PreprocessMetadata.Read(new Dictionary<string, string>(), "old.onnx"));
        Assert.Same(PreprocessPreset.DeepMind, PreprocessMetadata.Read(new Dictionary<string, string> { ["nfnet.preprocess"] = "deepmind" }, "old.onnx"));
        Assert.Equal(new[] { 0.485f, 0.456f, 0.406f }, PreprocessPreset.DeepMind.Mean);
        Assert.Equal(new[] { 0.229f, 0.224f, 0.225f }, PreprocessPreset.DeepMind.Std);
    }

    [Theory]
    [InlineData("nfnet.preprocess", "Timm", "m.onnx: metadata nfnet.preprocess 'Timm' is not a known preprocessing preset (known: deepmind, timm)")]
    [InlineData("nfnet.preprocess.crop_pct", null, "m.onnx: metadata nfnet.preprocess.crop_pct is missing; the 'timm' preprocessing needs it")]
    [InlineData("nfnet.preprocess.crop_pct", "1.5", "m.onnx: metadata nfnet.preprocess.crop_pct '1.5' is not a number in (0, 1]")]
    [InlineData("nfnet.preprocess.crop_mode", "fill", "m.onnx: metadata nfnet.preprocess.crop_mode 'fill' is not one of center, squash")]
    [InlineData("nfnet.preprocess.mean", "0.5,0.5", "m.onnx: metadata nfnet.preprocess.mean '0.5,0.5' is not three comma-separated numbers (R, G, B)")]
    [InlineData("nfnet.preprocess.std", "0.5,0,0.5", "m.onnx: metadata nfnet.preprocess.std '0.5,0,0.5' is not three comma-separated positive numbers (R, G, B)")]
    [InlineData("nfnet.preprocess.std", null, "m.onnx: metadata nfnet.preprocess.std is missing; the 'timm' preprocessing needs it")]
    public void A_bad_entry_is_an_error_naming_the_file_and_the_key(string key, string? value, string message)
    {
        var metadata = Entries(DmNfnet);
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;

        var e = Assert.Throws<InvalidDataException>(() => PreprocessMetadata.Read(metadata, "m.onnx"));
        Assert.Equal(message, e.Message);
    }
}
