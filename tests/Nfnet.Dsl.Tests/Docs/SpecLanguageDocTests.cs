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
        foreach (var field in FieldCatalog.FileFields.Concat(FieldCatalog.VariantFields).Concat(FieldCatalog.NumericsFields))
        {
            var row = Regex.Match(Markdown, $@"^\| `{field.Key}` \|.*$", RegexOptions.Multiline);
            Assert.True(row.Success, $"no table row for '{field.Key}'");
            Assert.Contains(field.Description, row.Value);
        }
    }

    [Fact]
    public void StandaloneExamplesCompileCleanly()
    {
        var standalone = YamlBlocks().Where(b => b.StartsWith("variants:") || b.StartsWith("# yaml-language-server")).ToList();

        Assert.Equal(2, standalone.Count); // the file structure and the inheritance examples
        foreach (var example in standalone)
            Assert.NotEmpty(Specs.CompileClean(example).Plans);
    }

    [Fact]
    public void AddedVariantExampleExtendsTheShippedSpec()
    {
        var snippet = YamlBlocks().Single(b => b.StartsWith("  F0Small:"));

        var plan = Specs.CompileClean(Specs.ShippedText.TrimEnd('\n') + "\n" + snippet).Plan("F0Small");

        Assert.Equal(("NfnetF0Small", 10, 224), (plan.ClassName, plan.NumClasses, plan.TrainImageSize));
    }
}
