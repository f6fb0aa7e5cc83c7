using System;
using System.Linq;
using System.Text;
using Xunit;

namespace Nfnet.Dsl.Tests;

/// <summary>The compiler never throws, and every diagnostic points inside the file it was given.</summary>
public class RobustnessTests
{
    private static void AssertWellFormed(string text)
    {
        SpecCompilation result;
        try
        {
            result = Specs.Compile(text);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Compile threw {e.GetType().Name} for input {Show(text)}: {e}");
        }
        var lines = LineCount(text);
        foreach (var d in result.Diagnostics)
        {
            Assert.True(d.Code != "NFN999", $"internal error for input {Show(text)}: {d}");
            Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1 && d.Span.Line <= lines + 1,
                $"span {d.Span.Line}:{d.Span.Column} outside a {lines}-line input {Show(text)}: {d}");
            Assert.True(d.Span.Start >= 0 && d.Span.Start <= text.Length && d.Span.Length >= 0, $"offset outside the input: {d}");
        }
    }

    /// <summary>Lines as YAML counts them: LF, CR, CRLF, NEL, LS and PS all end a line.</summary>
    private static int LineCount(string text) =>
        1 + text.Replace("\r\n", "\n").Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');

    private static string Show(string text) => text.Length > 80 ? $"of {text.Length} chars ending …{text[^40..]}" : $"'{text}'";

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\n")]
    [InlineData("\t")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("&a")]
    [InlineData("*a")]
    [InlineData("!!binary x")]
    [InlineData("? [a]\n: b")]
    [InlineData("variants:")]
    [InlineData("variants: ~")]
    [InlineData("variants:\n  F0:")]
    [InlineData("variants:\n  F0: ~")]
    [InlineData("variants:\n  [F0]: {}")]
    [InlineData("variants:\n  F0: { base: [] }")]
    [InlineData("variants:\n  F0: { base: [[A]] }")]
    [InlineData("variants:\n  F0: { width: [], depth: [], trainImageSize: 64 }")]
    [InlineData("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, stem: [] }")]
    [InlineData("variants:\n  F0: { width: [1], depth: [1], trainImageSize: 64 }")]
    [InlineData("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, finalConvMultiplier: 0.000001 }")]
    [InlineData("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 1e400 }")]
    [InlineData("variants:\n  F0: { width: [256], depth: [1], trainImageSize: -9223372036854775808 }")]
    [InlineData("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, alpha: 1e-320 }")]
    public void OddInputsAreDiagnosedNotThrown(string text) => AssertWellFormed(text);

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(20210211);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            AssertWellFormed(Encoding.UTF8.GetString(bytes));
            AssertWellFormed(Encoding.Latin1.GetString(bytes));
        }
    }

    [Fact]
    public void RandomEditsOfTheShippedSpecNeverThrow()
    {
        var random = new Random(71489284);
        const string alphabet = " \n\t:-[]{},&*!|>'\"#%@`?0123456789abcF+.";
        for (var i = 0; i < 200; i++)
        {
            var chars = Specs.ShippedText.ToCharArray();
            for (var edits = 0; edits < 3; edits++)
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            AssertWellFormed(new string(chars));
        }
    }

    [Fact]
    public void EveryTruncationOfTheShippedSpecIsDiagnosedNotThrown()
    {
        var text = Specs.ShippedText;
        for (var length = 0; length < text.Length; length += 7)
            AssertWellFormed(text[..length]);
    }

    [Fact]
    public void ByteOrderMarkIsIgnored()
    {
        var plain = Specs.Compile(Specs.ShippedText);
        var withBom = Specs.Compile("\uFEFF" + Specs.ShippedText);

        Assert.Empty(withBom.Diagnostics);
        Assert.Equal(plain.Plans, withBom.Plans);
    }

    [Fact]
    public void ByteOrderMarkKeepsDiagnosticPositions()
    {
        var result = Specs.Compile("\uFEFFvariants:\n  F0: { widht: [256], depth: [1], trainImageSize: 64 }\n");

        Assert.Contains(result.Diagnostics, d => d.Code == "NFN002" && (d.Span.Line, d.Span.Column) == (2, 9));
    }

    [Fact]
    public void CrlfLineEndingsGiveTheSamePlansAsLf()
    {
        var lf = Specs.Compile(Specs.ShippedText.Replace("\r\n", "\n"));
        var crlf = Specs.Compile(Specs.ShippedText.Replace("\r\n", "\n").Replace("\n", "\r\n"));

        Assert.Empty(crlf.Diagnostics);
        Assert.Equal(16, crlf.Plans.Count);
        Assert.Equal(lf.Plans, crlf.Plans);
    }

    [Fact]
    public void CrlfLineEndingsKeepDiagnosticPositions()
    {
        var result = Specs.Compile("variants:\r\n  F0:\r\n    width: [256]\r\n    depth: [1]\r\n    alpha: 7\r\n    trainImageSize: 64\r\n");

        Specs.Single(result, "NFN009", 5, 12);
    }

    [Fact]
    public void TabsInsideFlowCollectionsAndAfterValuesAreAccepted()
    {
        var result = Specs.Compile("variants:\n  F0: {\twidth: [256,\t512],\tdepth: [1, 1], trainImageSize: 64 }\t# tab before a comment\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { 256, 512 }, Assert.Single(result.Plans).Stages.Select(s => s.Width));
    }

    [Fact]
    public void TabsAsIndentationAreDiagnosedNotThrown()
    {
        AssertWellFormed(Specs.ShippedText.Replace("  ", "\t"));
        Assert.True(Specs.Compile(Specs.ShippedText.Replace("    width", "\twidth")).HasErrors);
    }

    [Fact]
    public void HugeFlatInputIsRejectedWithoutThrowing()
    {
        var text = "variants:\n  F0: [" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]\n";

        var result = Specs.Compile(text);

        Assert.Contains(result.Diagnostics, d => d.Code == "NFN015");
        AssertWellFormed(text);
    }
}
