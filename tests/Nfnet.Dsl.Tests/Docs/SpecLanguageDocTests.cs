using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Nfnet.Dsl.Spec;
using Xunit;

namespace Nfnet.Dsl.Tests.Docs;

/// <summary>docs/spec-language.md documents every key, and its examples compile.</summary>
public class SpecLanguageDocTests
{
    private static readonly string Markdown =
        File.ReadAllText(Path.Combine(Specs.RepoRoot(), "docs", "spec-language.md")).Replace("\r\n", "\n");

    private static string[] YamlBlocks() =>
        Regex.Matches(Markdown, "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void EveryCatalogKeyHasARowWithItsDescription()
    {
        foreach (var field in FieldCatalog.FileFields.Concat(FieldCatalog.VariantFields).Concat(FieldCatalog.NumericsFields).Concat(FieldCatalog.PreprocessFields))
        {
            var row = Regex.Match(Markdown, $@"^\| `{field.Key}` \|.*$", RegexOptions.Multiline);
            Assert.True(row.Success, $"no table row for '{field.Key}'");
            Assert.Contains(field.Description, row.Value);
        }
    }

    [Fact]
    public void StandaloneExamplesCompileCleanly()
    {
        var standalone = YamlBlocks().Where(b => b.StartsWith("variants:") || b.StartsWith("# ")).ToList();

        Assert.Equal(8, standalone.Count); // file structure, inheritance, five families and the mixed example
        foreach (var example in standalone)
            Assert.NotEmpty(Specs.CompileClean(example).Plans);
    }

    [Fact]
    public void FamilyExamplesHaveThePublishedParameterCounts()
    {
        // Each family's example states the count of the model it reproduces; the figures are timm's (models.json)
        // and DeepMind's, not the compiler's.
        var expected = new System.Collections.Generic.Dictionary<string, long>
        {
            ["F0"] = 71_489_284,
            ["nfnet_f0"] = 71_489_272,
            ["eca_nfnet_l0"] = 24_143_924,
            ["nf_regnet_b0"] = 8_764_288,
            ["nf_resnet50"] = 25_557_032,
        };
        var families = YamlBlocks().Where(b => b.StartsWith("# parameters: ")).ToList();

        Assert.Equal(expected.Count, families.Count);
        foreach (var example in families)
        {
            var plan = Assert.Single(Specs.CompileClean(example).Plans);
            Assert.Equal(expected[plan.Name], plan.ParameterCount);
            Assert.StartsWith("# parameters: " + expected[plan.Name].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), example);
        }
    }

    [Fact]
    public void AddedVariantExampleExtendsTheShippedSpec()
    {
        var snippet = YamlBlocks().Single(b => b.StartsWith("  F0Small:"));

        var plan = Specs.CompileClean(Specs.ShippedText.TrimEnd('\n') + "\n" + snippet).Plan("F0Small");

        Assert.Equal(("NfnetF0Small", 10, 224), (plan.ClassName, plan.NumClasses, plan.TrainImageSize));
    }
}
