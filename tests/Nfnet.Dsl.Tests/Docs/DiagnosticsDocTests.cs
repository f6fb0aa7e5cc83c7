using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Nfnet.Dsl.Diagnostics;
using Xunit;

namespace Nfnet.Dsl.Tests.Docs;

/// <summary>docs/diagnostics.md documents every code of <see cref="DiagnosticCatalog"/>, and its examples are true.</summary>
public class DiagnosticsDocTests
{
    /// <summary>The one code documented without a reproducer: it only appears when the compiler itself is wrong.</summary>
    private const string UndemonstrableCode = "NFN999";

    /// <summary>Codes only C# attribute specs can cause: their examples are C#, run by the generator tests (DiagnosticsDocExamplesTests).</summary>
    private static readonly string[] AttributeOnlyCodes = ["NFN024"];

    private sealed record Section(string Code, string Title, string Body)
    {
        public IReadOnlyList<string> YamlBlocks =>
            Regex.Matches(Body, "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        public int CSharpBlockCount => Regex.Matches(Body, "```csharp\n").Count;

        public bool HasNoExample => Regex.IsMatch(Body, @"^No example:", RegexOptions.Multiline);

        public string? Severity => Regex.Match(Body, @"^Severity: (\w+)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
    }

    private static readonly IReadOnlyList<Section> Sections = Parse(
        File.ReadAllText(Path.Combine(Specs.RepoRoot(), "docs", "diagnostics.md")).Replace("\r\n", "\n"));

    private static IReadOnlyList<Section> Parse(string markdown)
    {
        var headings = Regex.Matches(markdown, @"^## (NFN\d{3}) — (.+)$", RegexOptions.Multiline);
        return headings.Select((h, i) =>
        {
            var end = i + 1 < headings.Count ? headings[i + 1].Index : markdown.Length;
            var bodyStart = h.Index + h.Length;
            return new Section(h.Groups[1].Value, h.Groups[2].Value.Trim(), markdown[bodyStart..end]);
        }).ToList();
    }

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var kind in DiagnosticCatalog.All)
            data.Add(kind.Code);
        return data;
    }

    [Fact]
    public void EveryCodeHasExactlyOneSectionAndEverySectionACode()
    {
        Assert.Equal(DiagnosticCatalog.All.Select(k => k.Code), Sections.Select(s => s.Code));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void SectionShowsTheCatalogsTitleAndSeverity(string code)
    {
        var kind = DiagnosticCatalog.All.Single(k => k.Code == code);
        var section = Sections.Single(s => s.Code == code);

        Assert.Equal(kind.Title, section.Title);
        Assert.Equal(kind.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" }, section.Severity);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FailingExampleReportsItsCodeAndTheFixCompilesCleanly(string code)
    {
        var section = Sections.Single(s => s.Code == code);
        if (code == UndemonstrableCode)
        {
            Assert.True(section.HasNoExample, $"{code} should say 'No example:'");
            Assert.Empty(section.YamlBlocks);
            return; // nothing to compile: an internal error has no reproducer by design
        }

        if (AttributeOnlyCodes.Contains(code))
        {
            Assert.Equal(2, section.CSharpBlockCount);
            Assert.Empty(section.YamlBlocks);
            return; // compiled through the generator in Nfnet.Generators.Tests
        }

        Assert.False(section.HasNoExample, $"only {UndemonstrableCode} may go without an example");
        var blocks = section.YamlBlocks;
        Assert.Equal(2, blocks.Count);

        var failing = SpecCompiler.Compile("example.nfnet.yaml", blocks[0]);
        Assert.Contains(failing.Diagnostics, d => d.Code == code);

        var fixedExample = SpecCompiler.Compile("example.nfnet.yaml", blocks[1]);
        Assert.True(fixedExample.Diagnostics.Count == 0, $"{code}'s fix reports: " + string.Join("; ", fixedExample.Diagnostics));
        Assert.NotEmpty(fixedExample.Plans);
    }
}
