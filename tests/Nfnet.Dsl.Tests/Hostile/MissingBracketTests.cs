using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Deletes each closing bracket of the shipped spec in turn: the one syntax error must name the line and column of the
/// bracket left open, wherever YamlDotNet gave up. The pairs are found here by the simplest rule that fits that file
/// (its quoted descriptions hold no brackets; comments start with '#'), independently of the compiler's own matcher.
/// </summary>
public class MissingBracketTests
{
    public static TheoryData<bool> LineEndings() => new() { false, true };

    [Theory]
    [MemberData(nameof(LineEndings))]
    public void EveryDeletedCloserIsReportedAtItsOpener(bool crlf)
    {
        var lines = Specs.ShippedText.Replace("\r\n", "\n").Split('\n');
        var pairs = BracketPairs(lines).ToList();
        Assert.True(pairs.Count >= 20, $"only {pairs.Count} bracket pairs in the shipped spec");

        var misses = new List<string>();
        foreach (var (open, close) in pairs)
        {
            var edited = (string[])lines.Clone();
            edited[close.Line - 1] = edited[close.Line - 1].Remove(close.Column - 1, 1);
            var text = string.Join(crlf ? "\r\n" : "\n", edited);

            var result = CompilerProbe.Compile(text);

            var syntax = result.Diagnostics.Where(d => d.Code == "NFN001").ToList();
            // With brackets nested on one line the remaining closer closes the inner one, so the bracket left open is
            // the one the edited text leaves unmatched, not always the deleted closer's own.
            var unclosed = Unclosed(edited);
            var where = $"line {unclosed.Line}, column {unclosed.Column}";
            if (syntax.Count != 1 || !syntax[0].Message.Contains(where))
                misses.Add($"closer at {close.Line}:{close.Column} deleted, opener at {where}: {string.Join(" | ", result.Diagnostics)}");
        }
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    /// <summary>
    /// The opener the edited lines leave unmatched: the innermost open bracket when a closer of the other kind meets it,
    /// else the one still open at the end.
    /// </summary>
    private static (int Line, int Column) Unclosed(string[] lines)
    {
        var open = new Stack<(char Kind, int Line, int Column)>();
        for (var l = 0; l < lines.Length; l++)
        {
            var code = lines[l].TrimStart().StartsWith('#') ? "" : lines[l];
            for (var c = 0; c < code.Length; c++)
            {
                if (code[c] is '[' or '{')
                    open.Push((code[c], l + 1, c + 1));
                else if (code[c] is ']' or '}')
                {
                    var top = open.Peek();
                    if (top.Kind != (code[c] == ']' ? '[' : '{'))
                        return (top.Line, top.Column);
                    open.Pop();
                }
            }
        }
        var left = Assert.Single(open);
        return (left.Line, left.Column);
    }

    /// <summary>Matching '['/']' and '{'/'}' outside comments, as 1-based (line, column) positions.</summary>
    private static IEnumerable<((int Line, int Column) Open, (int Line, int Column) Close)> BracketPairs(string[] lines)
    {
        var open = new Stack<(int, int)>();
        for (var l = 0; l < lines.Length; l++)
        {
            var code = lines[l].TrimStart().StartsWith('#') ? "" : lines[l];
            for (var c = 0; c < code.Length; c++)
            {
                if (code[c] is '[' or '{')
                    open.Push((l + 1, c + 1));
                else if (code[c] is ']' or '}')
                    yield return (open.Pop(), (l + 1, c + 1));
            }
        }
        Assert.Empty(open);
    }
}
