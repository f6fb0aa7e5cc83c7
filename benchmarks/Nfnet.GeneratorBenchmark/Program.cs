using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Nfnet.Generators;
using Nfnet.Generators.Tests.Infrastructure;

namespace Nfnet.GeneratorBenchmark;

/// <summary>
/// The source generator over every shipped spec (specs/*.nfnet.yaml), hosted in a CSharpGeneratorDriver the way a build
/// or an IDE hosts it, timed in the four situations a user meets: cold (a new process: assembly loading and JIT), a
/// fresh driver in a warm process (a command-line rebuild), the same compilation again (an IDE asking after a keystroke
/// elsewhere), after an unrelated C# edit, and after a one-number spec edit (one variant to redo). Medians of repeated
/// runs; no assertions: speed targets live here, not in unit tests.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var specsFolder = args.Length > 1 ? args[1] : FindSpecs();
        var specs = Directory.GetFiles(specsFolder, "*.nfnet.yaml").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new InMemoryAdditionalText(p, File.ReadAllText(p))).ToArray();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer; public static class Program { public static int Answer => 42; }", parse, "/repo/Program.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var coldWatch = Stopwatch.StartNew();
        var (driver, generated) = Run(CreateDriver(specs, parse), compilation);
        double cold = coldWatch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{specs.Length} spec files, {generated.Count} generated files ({generated.Sum(t => t.Length) / 1024} KiB); {Environment.ProcessorCount} cores; medians of {rounds} runs");
        Console.WriteLine($"  cold (first run in a new process: loading and JIT)  {cold,8:F1} ms");

        Console.WriteLine($"  fresh driver, warm process (a command-line rebuild) {Median(rounds, () => Run(CreateDriver(specs, parse), compilation)),8:F1} ms");
        Console.WriteLine($"  warm, nothing changed                               {Median(rounds, () => Run(driver, compilation)),8:F1} ms");

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("namespace Consumer; public static class Program { public static int Answer => 43; }", parse, "/repo/Program.cs"));
        // Each run sees the other text than the run before, so every measured run follows an edit.
        bool toggle = false;
        Console.WriteLine($"  warm, after an unrelated C# edit                    {Median(rounds, () =>
        {
            (driver, var output) = Run(driver, (toggle = !toggle) ? edited : compilation);
            return output;
        }),8:F1} ms");

        var nfnet = specs.Single(s => Path.GetFileName(s.Path) == "nfnet.nfnet.yaml");
        var text = nfnet.GetText()!.ToString();
        var changed = new InMemoryAdditionalText(nfnet.Path, EditOneNumber(text));
        var current = (AdditionalText)nfnet;
        Console.WriteLine($"  warm, after F7's test size changes (F7, F7+ redone){Median(rounds, () =>
        {
            var next = ReferenceEquals(current, nfnet) ? (AdditionalText)changed : nfnet;
            (driver, var output) = Run(driver.ReplaceAdditionalText(current, next), compilation);
            current = next;
            return output;
        }),8:F1} ms");
        return 0;
    }

    private static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, CSharpParseOptions parse) =>
        CSharpGeneratorDriver.Create(new[] { new NfnetGenerator().AsSourceGenerator() }, specs, parse,
            new BuildProperties(new Dictionary<string, string> { ["build_property.NfnetSpecRoot"] = "/repo", ["build_property.NfnetZooNamespace"] = "Consumer.Models" }));

    private static (GeneratorDriver Driver, IReadOnlyList<string> Generated) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult();
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException("the shipped specs did not generate cleanly: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        return (driver, result.GeneratedTrees.Select(t => t.ToString()).ToArray());
    }

    private static double Median(int rounds, Func<object> run)
    {
        run();
        var times = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[rounds / 2];
    }

    // F7's test image size: a change that redoes F7 and F7+, which inherits it; the other 14 variants are unchanged.
    private static string EditOneNumber(string spec)
    {
        const string before = "testImageSize: 608", after = "testImageSize: 640";
        int at = spec.IndexOf(before, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"nfnet.nfnet.yaml has no '{before}' to edit");
        return spec[..at] + after + spec[(at + before.Length)..];
    }

    private static string FindSpecs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NfnetDsl.sln"))) return Path.Combine(dir.FullName, "specs");
        throw new DirectoryNotFoundException("run from inside the repository, or pass the specs folder as the second argument");
    }
}
