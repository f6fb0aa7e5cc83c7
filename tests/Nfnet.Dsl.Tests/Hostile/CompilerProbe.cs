using System;
using System.Diagnostics;
using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>Compiles hostile text and checks the invariants every input must keep: no exception, spans inside the file, one-line messages, bounded time.</summary>
internal static class CompilerProbe
{
    public const string SpecPath = "specs/hostile.nfnet.yaml";

    /// <summary>Compiles, failing the test (with a short view of the input) on any exception.</summary>
    public static SpecCompilation Compile(string text)
    {
        try
        {
            return SpecCompiler.Compile(SpecPath, text);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Compile threw {e.GetType().Name} for input {Show(text)}: {e}");
        }
    }

    /// <summary>Compiles within <paramref name="limit"/> and asserts the result keeps every invariant.</summary>
    public static SpecCompilation CompileWithin(string text, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var result = Compile(text);
        watch.Stop();
        Assert.True(watch.Elapsed < limit, $"compiling {Show(text)} took {watch.ElapsedMilliseconds} ms (limit {limit.TotalMilliseconds} ms)");
        AssertSpansInside(text, result);
        return result;
    }

    public static void AssertSpansInside(string text, SpecCompilation result)
    {
        var lines = LineCount(text);
        foreach (var d in result.Diagnostics)
        {
            Assert.True(d.Code != "NFN999", $"internal error for input {Show(text)}: {d}");
            Assert.Equal(SpecPath, d.Span.Path);
            Assert.True(d.Span.Line >= 1 && d.Span.Line <= lines + 1 && d.Span.Column >= 1,
                $"span {d.Span.Line}:{d.Span.Column} outside a {lines}-line input {Show(text)}: {d}");
            Assert.True(d.Span.Start >= 0 && d.Span.Length >= 0 && (long)d.Span.Start + d.Span.Length <= text.Length,
                $"offsets {d.Span.Start}+{d.Span.Length} outside a {text.Length}-char input {Show(text)}: {d}");
            // A message is one short line: no spec text can forge a second diagnostic line or flood the output.
            Assert.True(d.Message.Length <= SpecCompiler.MaxMessageLength + 3 && !d.Message.Any(InjectionVectors.IsInvisibleOrControl),
                $"message of {d.Message.Length} chars, or with hidden characters, for input {Show(text)}: {Show(d.Message)}");
        }
    }

    /// <summary>Lines as a YAML reader may count them: LF, CR, CRLF, NEL, LS and PS all end a line.</summary>
    public static int LineCount(string text) =>
        1 + text.Replace("\r\n", "\n").Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');

    public static string Show(string text)
    {
        var escaped = text.Length > 160 ? text[..80] + $"…({text.Length} chars)…" + text[^60..] : text;
        return "'" + string.Concat(escaped.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
    }
}
