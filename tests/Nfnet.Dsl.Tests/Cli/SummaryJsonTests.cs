using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>`nfnet summary --json` on the shipped specs, against the figures published for NFNets.</summary>
public class SummaryJsonTests
{
    private static readonly Lazy<JsonElement[]> ShippedVariants = new(() =>
    {
        var result = CliRun.Shipped("summary", "specs", "--json");
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("variants").EnumerateArray().ToArray();
    });

    private static JsonElement Variant(string name) =>
        ShippedVariants.Value.Single(v => v.GetProperty("name").GetString() == name);

    [Fact]
    public void ListsTheSixteenFVariantsFirstInSpecOrder()
    {
        var names = ShippedVariants.Value.Take(16).Select(v => v.GetProperty("name").GetString());

        Assert.Equal(
            ["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F0+", "F1+", "F2+", "F3+", "F4+", "F5+", "F6+", "F7+"],
            names);
    }

    [Fact]
    public void ListsEveryTimmModelUnderItsTimmNameWithTimmsParameterCount()
    {
        // tests/fixtures/timm/models.json: every NF model timm 1.0.28 registers, built by timm itself.
        using var timm = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(CliRun.OutputFolder, "timm-models.json")));
        var models = timm.RootElement.GetProperty("models").EnumerateArray()
            .Select(m => (Name: m.GetProperty("name").GetString()!, Parameters: m.GetProperty("num_params").GetInt64())).ToList();

        Assert.Equal(36, models.Count);
        Assert.Equal(16 + 36, ShippedVariants.Value.Length);
        foreach (var (name, parameters) in models)
            Assert.Equal((name, parameters), (name, Variant(name).GetProperty("parameters").GetInt64()));
    }

    [Fact]
    public void F0MatchesTheReferenceImplementation()
    {
        var f0 = Variant("F0");

        Assert.Equal("NfnetF0", f0.GetProperty("className").GetString());
        Assert.Equal("Nfnet.Models", f0.GetProperty("namespace").GetString());
        Assert.Equal("specs/nfnet.nfnet.yaml", f0.GetProperty("source").GetString());
        // timm's dm_nfnet_f0 has 71,489,284 parameters; DeepMind's count_flops gives 12.38 GMACs at 256 px.
        Assert.Equal(71_489_284, f0.GetProperty("parameters").GetInt64());
        Assert.Equal(12_384_198_656, f0.GetProperty("macs").GetInt64());
        Assert.Equal(192, f0.GetProperty("trainImageSize").GetInt32());
        Assert.Equal(256, f0.GetProperty("testImageSize").GetInt32());
        Assert.Equal(0.2, f0.GetProperty("dropRate").GetDouble());
        Assert.Equal(0.25, f0.GetProperty("stochasticDepthRate").GetDouble());
        Assert.Equal(1000, f0.GetProperty("numClasses").GetInt32());
        Assert.Equal(1 + 2 + 6 + 3, f0.GetProperty("blocks").GetInt32());
    }

    [Fact]
    public void F0StagesFollowGroupWidth128AndExpansionHalf()
    {
        var stages = Variant("F0").GetProperty("stages").EnumerateArray()
            .Select(s => (
                s.GetProperty("width").GetInt32(),
                s.GetProperty("depth").GetInt32(),
                s.GetProperty("stride").GetInt32(),
                s.GetProperty("groups").GetInt32(),
                s.GetProperty("midChannels").GetInt32()))
            .ToArray();

        // mid = width / 2; groups = mid / 128.
        Assert.Equal(
            [(256, 1, 1, 1, 128), (512, 2, 2, 2, 256), (1536, 6, 2, 6, 768), (1536, 3, 2, 6, 768)],
            stages);
    }

    // The NFNet paper's Table 1 / DeepMind's README: parameters in millions, FLOPs (MACs) in billions at the test size.
    [Theory]
    [InlineData("F1", 132.6, 35.54)]
    [InlineData("F2", 193.8, 62.59)]
    [InlineData("F3", 254.9, 114.76)]
    [InlineData("F4", 316.1, 215.24)]
    [InlineData("F5", 377.2, 289.76)]
    [InlineData("F6", 438.4, 377.28)]
    public void MatchesPublishedFigures(string name, double millionParameters, double billionMacs)
    {
        var variant = Variant(name);

        Assert.Equal(millionParameters, Math.Round(variant.GetProperty("parameters").GetInt64() / 1e6, 1));
        Assert.Equal(billionMacs, Math.Round(variant.GetProperty("macs").GetInt64() / 1e9, 2));
    }

    [Fact]
    public void PlusVariantsGetAPlusFreeClassName()
    {
        Assert.Equal("NfnetF0Plus", Variant("F0+").GetProperty("className").GetString());
    }

    [Fact]
    public void NamesWithPlusAreNotEscaped()
    {
        var result = CliRun.Shipped("summary", "--json");

        // System.Text.Json's default encoder would write "F0\u002B".
        Assert.Contains("\"name\": \"F0+\"", result.Out);
    }
}
