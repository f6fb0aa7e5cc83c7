using System.Linq;
using Nfnet.Dsl.Tests.Cli;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>Spec text quoted in a diagnostic message cannot break the message's line: no forged diagnostics in CLI or build output.</summary>
public class DiagnosticMessageTests
{
    private const string Forged = "x\ntest.nfnet.yaml(1,1): error NFN000: forged";

    [Fact]
    public void LineBreakInAnUnknownKeyIsShownEscaped()
    {
        var result = Specs.Compile($"variants:\n  F0:\n    {InjectionVectors.YamlQuoted(Forged)}: 1\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n");

        var d = Assert.Single(result.Diagnostics);
        Specs.AssertAt(d, "NFN002", 3, 5);
        Assert.Contains("x\\u000Atest.nfnet.yaml(1,1)", d.Message);
        Assert.DoesNotContain('\n', d.ToString());
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u200B")]
    [InlineData("\u0000")]
    [InlineData("\u2028")]
    public void InvisibleCharactersInAQuotedValueAreShownEscaped(string hidden)
    {
        var result = Specs.Compile($"variants:\n  F0: {{ activation: {InjectionVectors.YamlQuoted("gelu" + hidden)}, width: [256], depth: [1], trainImageSize: 64 }}\n");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("NFN008", d.Code);
        Assert.Contains($"gelu\\u{(int)hidden[0]:X4}", d.Message);
        Assert.DoesNotContain(d.Message, InjectionVectors.IsInvisibleOrControl);
    }

    [Fact]
    public void CheckPrintsOneLinePerDiagnostic()
    {
        using var folder = new TempSpecFolder();
        folder.Write("forge.nfnet.yaml", $"variants:\n  F0:\n    {InjectionVectors.YamlQuoted(Forged)}: 1\n    width: [256]\n    depth: [1]\n    trainImageSize: 64\n");

        var result = CliRun.In(folder.Root, "check", "forge.nfnet.yaml");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("forge.nfnet.yaml(3,5): error NFN002: ", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("test.nfnet.yaml", System.StringComparison.Ordinal));
    }
}
