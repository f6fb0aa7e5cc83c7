using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

/// <summary>
/// NFN001 says where to look and what to write, for every kind of YAML syntax error YamlDotNet reports (and the
/// position-less exceptions it throws). Lines and columns are counted by hand from the input.
/// </summary>
public class YamlSyntaxMessageTests
{
    [Fact]
    public void UnclosedBracketIsReportedAtTheBracketNotAtTheStartOfTheFile()
    {
        // The example: the parser gives up two lines later, or throws without any position.
        var result = Specs.Compile("variants:\n  F0:\n    width: [64, 128, 256\n    depth: [1, 2, 3]\n    trainImageSize: 64\n");

        var d = Specs.Single(result, "NFN001", 3, 12);
        Assert.Equal("'[' at line 3, column 12 opens a list that is never closed; add the missing ']' after its last item", d.Message);
        Assert.Equal((3, 13), (d.Span.EndLine, d.Span.EndColumn)); // the bracket itself
    }

    [Fact]
    public void UnclosedBracketInACrlfFileHasTheSamePosition()
    {
        var result = Specs.Compile("variants:\r\n  F0:\r\n    width: [64, 128, 256\r\n    depth: [1, 2, 3]\r\n    trainImageSize: 64\r\n");

        Specs.Single(result, "NFN001", 3, 12);
    }

    [Theory]
    // An unclosed '{' with more variants below it.
    [InlineData("variants:\n  F0: { width: [64], depth: [1], trainImageSize: 64\n  F1: { base: F0 }\n", 2, 7,
        "'{' at line 2, column 7 opens a mapping that is never closed; add the missing '}' after its last entry")]
    // The file ends inside two lists: the innermost is named.
    [InlineData("variants:\n  F0: { width: [1, 2], depth: [1\n", 2, 31,
        "'[' at line 2, column 31 opens a list that is never closed; add the missing ']' after its last item")]
    [InlineData("variants:\n  F0: { width: [64],\n---\n", 2, 7,
        "'{' at line 2, column 7 opens a mapping that is not closed before the '---' at line 3; add the missing '}' after its last entry")]
    // The wrong closer is where to type: the message names the opener.
    [InlineData("variants:\n  F0: { width: [64, 128}, depth: [1, 1], trainImageSize: 64 }\n", 2, 24,
        "'}' cannot close the list opened with '[' at line 2, column 16; write ']'")]
    [InlineData("variants:\n  F0: { width: [64], depth: [1], trainImageSize: 64 }}\n", 2, 54,
        "'}' closes nothing: no list or mapping written with brackets is open here; remove it")]
    // A bracketed mapping may span lines, but only indented past its key (YamlDotNet throws without a position).
    [InlineData("variants:\n  F0: { width: [64],\n depth: [1], trainImageSize: 64 }\n", 3, 2,
        "this line continues the mapping opened with '{' at line 2, column 7, so it must be indented past column 3; indent it, or join it to the line above")]
    [InlineData("variants:\n  F0: { depth: [1], trainImageSize: 64 dropRate: 0.2 }\n", 2, 48,
        "expected ',' or '}' in the mapping opened at line 2, column 7, found ':'; separate its items with ',' and close it with '}'")]
    public void BracketMistakesNameTheBracket(string text, int line, int column, string message)
    {
        var d = Specs.Single(Specs.Compile(text), "NFN001", line, column);
        Assert.Equal(message, d.Message);
    }

    [Theory]
    [InlineData("variants:\n  F0: { description: \"abc, width: [64] }\n", 2, 22,
        "the text quoted with '\"' at line 2, column 22 is never closed; add the closing '\"'")]
    [InlineData("variants:\n  F0: { description: 'abc, width: [64] }\n", 2, 22,
        "the text quoted with \"'\" at line 2, column 22 is never closed; add the closing \"'\"")]
    [InlineData("variants:\n  F0: { description: \"abc, width: [64] }\n---\n", 2, 22,
        "the text quoted with '\"' at line 2, column 22 runs into a '---' or '...' line; add the closing '\"' before it")]
    [InlineData("variants:\n  F0:\n    description: \"abc\ndef\"\n", 3, 18,
        "the text quoted with '\"' at line 3, column 18 is not closed on its line, and the next line is not indented; add the closing '\"'")]
    [InlineData("variants:\n  F0: { description: \"a\\qb\" }\n", 2, 24,
        "'\\q' is not a YAML escape; write '\\\\' for a backslash, or use single quotes")]
    [InlineData("variants:\n  F0: { description: \"\\xZZ\" }\n", 2, 22,
        "an escape in this double-quoted text is not a valid character: '\\x', '\\u' and '\\U' take 2, 4 or 8 hexadecimal digits of a Unicode character")]
    public void QuotedTextMistakesNameTheQuote(string text, int line, int column, string message)
    {
        var d = Specs.Single(Specs.Compile(text), "NFN001", line, column);
        Assert.Equal(message, d.Message);
    }

    [Theory]
    [InlineData("variants:\n  F0:\n    width: [64]\n   depth: [1]\n", 4, 4,
        "expected the next 'key: value' of the mapping at line 2 (its keys start at column 3), found 'depth:'; check this line's indentation and its ':'")]
    [InlineData("- a\nvariants: {}\n", 2, 1,
        "expected the next '- item' of the list at line 1 (its items start at column 1), found 'variants:'; check this line's indentation")]
    [InlineData(" namespace: A\nvariants: {}\n", 2, 1,
        "the spec's top level starts at line 1, column 2, so 'variants:' here is outside it; start every top-level key in column 2")]
    [InlineData("variants:\n  F0: a: b\n", 2, 8,
        "this ': ' would start a mapping inside a value; quote the value if the ':' is part of the text, or write the mapping on its own indented lines")]
    [InlineData("variants:\n  F0:\n    description: abc\ndef\n    width: [64]\n", 5, 10,
        "this ':' would make a key of a line that continues the value above it; align the key with the other keys of its mapping, or quote the value")]
    // A file cut off after a key (with a line break after it, the next rule reports a missing 'key: value').
    [InlineData("variants:\n  F0: {}\n  F1", 3, 3,
        "expected ':' after 'F1' on its line; a key and its ':' must be on one line, within 1024 characters")]
    [InlineData("variants: - F0\n", 1, 11,
        "'- ' starts a list item, which cannot follow a key on its line; write the list on its own indented lines, or as [a, b]")]
    [InlineData("variants:\n  F0:\n    testImageSize: ? 256\n", 3, 20,
        "'? ' starts a YAML complex key, which is not allowed here; quote the text if it is meant literally")]
    [InlineData("variants:\n  F0:\n\twidth: [256]\n", 3, 1, "a tab indents this line; YAML indents with spaces only")]
    public void StructureMistakesSayWhatWasExpected(string text, int line, int column, string message)
    {
        var d = Specs.Single(Specs.Compile(text), "NFN001", line, column);
        Assert.Equal(message, d.Message);
    }

    [Theory]
    [InlineData("variants:\n  F0: { description: @x }\n", 2, 22, "'@' cannot start a value; quote the text (\"...\") if it is meant literally")]
    [InlineData("variants:\n  F0:\n    width: [64]# c\n", 3, 15, "a comment needs a space before its '#'")]
    [InlineData("variants:\n  F0: !x!y z\n", 2, 7, "'!' starts a YAML tag, which specs do not use; remove it, or quote the text if it is meant literally")]
    [InlineData("variants:\n  F0: &a[ 1\n", 2, 7,
        "'&' and '*' start YAML anchors and aliases, which specs do not support (share fields with 'base:'); quote the text if it is meant literally")]
    [InlineData("variants:\n  F0:\n    description: | x\n", 3, 18,
        "after '|' or '>' only an indentation digit 1-9, '+' or '-' and a comment may follow on the same line; start the text on the next line, indented consistently")]
    // YamlDotNet reads this as a key '*a' with no value; reading stops at the alias instead of misreading the rest.
    [InlineData("variants:\n  F0:\n    width: [256, 512]*a\n    depth: [1, 2]\n", 3, 22,
        "'*a' cannot follow the value on its line; remove it (aliases are not supported; share fields with 'base:')")]
    public void CharacterMistakesPointAtTheCharacter(string text, int line, int column, string message)
    {
        var d = Specs.Single(Specs.Compile(text), "NFN001", line, column);
        Assert.Equal(message, d.Message);
    }

    [Theory]
    // '...' before any content: YamlDotNet throws an InvalidOperationException without a position.
    [InlineData("...\nvariants: {}\n", 1, 1, "'...' ends a YAML document, but no document has started; remove this line")]
    [InlineData("variants: {}\n... x\n", 2, 1, "'...' ends the YAML document; nothing may follow it on its line")]
    [InlineData("--- x\n# c\nvariants: {}\n", 3, 1,
        "the YAML document is the single value at line 1, column 5, so 'variants:' cannot follow it; a spec file is one mapping of 'key: value' lines")]
    [InlineData("variants: {}\n%YAML 1.2\n", 2, 1, "a '%YAML' directive may only come before the document's first line; remove this line")]
    public void DocumentMistakesNameTheMarker(string text, int line, int column, string message)
    {
        var d = Specs.Single(Specs.Compile(text), "NFN001", line, column);
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void ContentAfterAnEndMarkerIsASecondDocumentNamingTheMarker()
    {
        var result = Specs.Compile("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\n...\nnamespace: X\n");

        var d = Specs.Single(result, "NFN022", 4, 1);
        Assert.Equal("the '...' at line 3 ends the YAML document, so this text would be a second one; a spec file holds one document: remove the '...' line", d.Message);
    }
}
