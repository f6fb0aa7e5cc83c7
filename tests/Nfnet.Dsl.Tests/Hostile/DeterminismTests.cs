using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Nfnet.Dsl.Emit;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Emitted code is a function of the spec alone: the same bytes on every run, under every culture, for LF and CRLF
/// files, and for '/' and '\' in the spec path.
/// </summary>
public class DeterminismTests
{
    private const string SlashPath = "specs/nfnet.nfnet.yaml";

    /// <summary>Compiles and emits everything, with the spec's text, path and the culture as given.</summary>
    private static IReadOnlyList<GeneratedFile> EmitAll(string text, string path)
    {
        var result = SpecCompiler.Compile(path, text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Plans.Select(p => ModelEmitter.EmitModel(p, path)).Append(ModelEmitter.EmitZoo(result.Plans)).ToList();
    }

    private static string Lf => Specs.ShippedText.Replace("\r\n", "\n");

    private static IReadOnlyList<GeneratedFile> Baseline() => EmitAll(Lf, SlashPath);

    [Fact]
    public void RepeatedRunsGiveIdenticalBytes()
    {
        var first = Baseline();
        var second = Baseline();

        Assert.Equal(17, first.Count);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("fr-CH")]
    public void EveryCultureGivesTheInvariantBytes(string culture)
    {
        var invariant = Baseline();
        IReadOnlyList<GeneratedFile> local;
        SpecCompilation compiled;
        using (new CultureScope(culture))
        {
            Assert.Equal(culture, CultureInfo.CurrentCulture.Name);
            compiled = SpecCompiler.Compile(SlashPath, Lf);
            local = EmitAll(Lf, SlashPath);
        }

        Assert.Equal(Specs.Shipped.Plans, compiled.Plans);
        Assert.Equal(invariant.Select(f => f.HintName), local.Select(f => f.HintName));
        for (var i = 0; i < invariant.Count; i++)
            Assert.True(invariant[i].Text == local[i].Text, $"{invariant[i].HintName} differs under {culture}");
    }

    [Fact]
    public void NumbersUnderGermanCultureUseInvariantSeparators()
    {
        IReadOnlyList<GeneratedFile> files;
        using (new CultureScope("de-DE"))
            files = EmitAll(Lf, SlashPath);

        var f0 = files.Single(f => f.HintName.EndsWith(".NfnetF0.g.cs", System.StringComparison.Ordinal)).Text;
        // A literal with a decimal comma (0,25) would be two arguments; a German group separator would read 71.489.284.
        Assert.DoesNotMatch(new Regex(@"=\s*-?\d+,\d"), f0);
        Assert.DoesNotMatch(new Regex(@"\d\.\d{3}\.\d{3}"), f0);
        Assert.Contains("public const double StochasticDepthRate = 0.25;", f0);
        Assert.Contains("public const double DropRate = 0.2;", f0);
        Assert.Matches(new Regex(@"public const long ParameterCount = \d{1,3}(_\d{3})+;"), f0);
        Assert.Matches(new Regex(@"/// \d{1,3}(,\d{3})+ parameters with 1000 classes; \d+\.\d{2} GMACs"), f0);
        foreach (var file in files)
            GeneratedCode.AssertParses(file);
    }

    [Fact]
    public void TurkishCultureDoesNotChangeNameChecks()
    {
        // In tr-TR, "i".ToUpper() is "İ": any culture-sensitive case mapping in the name rules would show here.
        const string spec = "namespace: identity.Items\nclassPrefix: Nfi\nvariants:\n  ident: { width: [256], depth: [1], trainImageSize: 64, activation: identity }\n";
        var invariant = Specs.CompileClean(spec);
        using (new CultureScope("tr-TR"))
        {
            var turkish = Specs.CompileClean(spec);
            Assert.Equal(invariant.Plans, turkish.Plans);
            Assert.Equal("NfiIdent", turkish.Plans[0].ClassName); // ToUpper('i') is 'İ' in tr-TR
        }
    }

    [Fact]
    public void CrlfAndLfSpecsGiveIdenticalPlansAndCode()
    {
        var crlf = Lf.Replace("\n", "\r\n");

        Assert.Equal(SpecCompiler.Compile(SlashPath, Lf).Plans, SpecCompiler.Compile(SlashPath, crlf).Plans);
        Assert.Equal(Baseline(), EmitAll(crlf, SlashPath));
        Assert.DoesNotContain(EmitAll(crlf, SlashPath), f => f.Text.Contains('\r'));
    }

    [Fact]
    public void ByteOrderMarkGivesIdenticalCode()
    {
        Assert.Equal(Baseline(), EmitAll("\uFEFF" + Lf, SlashPath));
    }

    [Fact]
    public void BackslashPathGivesTheSameHintNamesAndText()
    {
        var slash = Baseline();
        var backslash = EmitAll(Lf, SlashPath.Replace('/', '\\'));

        Assert.Equal(slash.Select(f => f.HintName), backslash.Select(f => f.HintName));
        Assert.Equal(slash.Select(f => f.Text), backslash.Select(f => f.Text));
        Assert.Contains("specs.nfnet.NfnetF0.g.cs", slash.Select(f => f.HintName));
    }

    [Theory]
    [InlineData("./specs/nfnet.nfnet.yaml")]
    [InlineData(".\\specs\\nfnet.nfnet.yaml")]
    [InlineData("/specs/nfnet.nfnet.yaml")]
    public void EquivalentPathSpellingsGiveTheSameHintNames(string path)
    {
        Assert.Equal("specs.nfnet.NfnetF0.g.cs", HintNames.ForVariant(path, "NfnetF0"));
    }

    [Theory]
    [InlineData("../shared/x.nfnet.yaml", "_up.shared.x.NfnetX.g.cs")]
    [InlineData("../../specs/x.nfnet.yaml", "_up._up.specs.x.NfnetX.g.cs")]
    [InlineData("..\\shared\\x.nfnet.yaml", "_up.shared.x.NfnetX.g.cs")]
    public void A_spec_outside_the_root_keeps_its_steps_up_in_the_hint_name(string path, string expected)
    {
        Assert.Equal(expected, HintNames.ForVariant(path, "NfnetX"));
        // ... so it cannot take the name of the spec of the same relative path inside the root.
        Assert.NotEqual(HintNames.ForVariant("shared/x.nfnet.yaml", "NfnetX"), HintNames.ForVariant(path, "NfnetX"));
    }
}
