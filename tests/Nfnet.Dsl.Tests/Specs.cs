using System;
using System.IO;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests;

/// <summary>Compiling inline spec texts and the shipped spec, and asserting on the results.</summary>
internal static class Specs
{
    public const string TestPath = "test.nfnet.yaml";

    /// <summary>A valid concrete variant body (F0's settings) to build small test specs from.</summary>
    public const string F0Body = """
            width: [256, 512, 1536, 1536]
            depth: [1, 2, 6, 3]
            trainImageSize: 192
            testImageSize: 256
        """;

    private static readonly Lazy<string> ShippedTextLazy = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "nfnet.nfnet.yaml")));

    private static readonly Lazy<SpecCompilation> ShippedLazy = new(() => SpecCompiler.Compile("specs/nfnet.nfnet.yaml", ShippedText));

    public static string ShippedText => ShippedTextLazy.Value;

    public static SpecCompilation Shipped => ShippedLazy.Value;

    public static SpecCompilation Compile(string text) => SpecCompiler.Compile(TestPath, text);

    /// <summary>Compiles a text that must produce no errors and no warnings.</summary>
    public static SpecCompilation CompileClean(string text)
    {
        var result = Compile(text);
        Assert.True(result.Diagnostics.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", result.Diagnostics));
        return result;
    }

    public static ModelPlan Plan(this SpecCompilation compilation, string variant) =>
        compilation.Plans.Single(p => p.Name == variant);

    public static ModelPlan ShippedPlan(string variant) => Shipped.Plan(variant);

    /// <summary>Asserts the compilation reports exactly one diagnostic, with this code, severity and start position.</summary>
    public static SpecDiagnostic Single(SpecCompilation compilation, string code, int line, int column, Severity severity = Severity.Error)
    {
        var diagnostic = Assert.Single(compilation.Diagnostics);
        AssertAt(diagnostic, code, line, column, severity);
        return diagnostic;
    }

    public static void AssertAt(SpecDiagnostic diagnostic, string code, int line, int column, Severity severity = Severity.Error)
    {
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(TestPath, diagnostic.Span.Path);
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds NfnetDsl.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NfnetDsl.sln")))
                return dir.FullName;
        throw new InvalidOperationException("NfnetDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
