using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>Hosts <see cref="NfnetGenerator"/> in a CSharpGeneratorDriver the way the compiler does, with step tracking on.</summary>
internal static class GeneratorHarness
{
    /// <summary>A made-up project folder: spec paths under it give the same relative names on every machine.</summary>
    public const string Root = "/repo";

    /// <summary>
    /// The NfnetZooNamespace MSBuild passes for src/Nfnet.Models (its RootNamespace), so the harness generates what that
    /// project builds; tests of the namespace rule pass their own, or null for a host that passes no such property.
    /// </summary>
    public const string ModelsZooNamespace = "Nfnet.Models";

    /// <summary>Doc comments are parsed and checked, as in a consumer that generates an XML documentation file.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation Compilation(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, string root = Root, string? zooNamespace = ModelsZooNamespace)
    {
        var properties = new Dictionary<string, string> { ["build_property.NfnetSpecRoot"] = root };
        if (zooNamespace is not null)
            properties["build_property.NfnetZooNamespace"] = zooNamespace;
        return CSharpGeneratorDriver.Create(
            [new NfnetGenerator().AsSourceGenerator()],
            specs,
            ParseOptions,
            new BuildProperties(properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static GeneratorRun Run(CSharpCompilation compilation, params AdditionalText[] specs) =>
        Run(CreateDriver(specs), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver, output, driver.GetRunResult().Results.Single());
    }

    public static InMemoryAdditionalText ShippedSpecAt(string path) => new(path, System.IO.File.ReadAllText(RepoPaths.ShippedSpec));

    /// <summary>Every specs/*.nfnet.yaml at its real path.</summary>
    public static InMemoryAdditionalText[] AllShippedSpecs() =>
        System.IO.Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "specs"), "*.nfnet.yaml")
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .Select(p => new InMemoryAdditionalText(p, System.IO.File.ReadAllText(p)))
            .ToArray();
}

/// <summary>One run of the generator: the driver (to run again incrementally), the updated compilation and the result.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, GeneratorRunResult Result)
{
    private readonly System.Lazy<ImmutableArray<Diagnostic>> _analyzerDiagnostics = new(() => Analyze(Output));

    /// <summary>What a build shows from this package: the generator's diagnostics and NfnetModelAnalyzer's.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics.AddRange(AnalyzerDiagnostics);

    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>The companion analyzer run on the compilation the generator produced, as a build or an editor runs it.</summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics.Value;

    private static ImmutableArray<Diagnostic> Analyze(Compilation output)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => throw new System.InvalidOperationException("NfnetModelAnalyzer threw", exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        return output.WithAnalyzers([new Analyzers.NfnetModelAnalyzer()], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    public IReadOnlyList<string> HintNames => Result.GeneratedSources.Select(s => s.HintName).ToList();

    public string Source(string hintName) => Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
