using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Nfnet.Cli;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// NfnetZoo lives in the namespace the project names (NfnetZooNamespace, by default its RootNamespace), whatever
/// namespaces the variants have, so adding a variant never moves it away from the code that calls it.
/// </summary>
public sealed class ZooNamespaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nfnet-zoo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string AppSpecText = TestSpecs.Tiny("Tiny").Replace("namespace: Demo.Tiny", "namespace: App.Models");

    private static readonly InMemoryAdditionalText AppSpec = new("/repo/specs/app.nfnet.yaml", AppSpecText);

    /// <summary>The caller: it names NfnetZoo without a namespace, from the spec's namespace.</summary>
    private const string Caller = """
        namespace App.Models;

        public static class Caller
        {
            public static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Build() => NfnetZoo.Create("Tiny", numClasses: 3);
        }
        """;

    private const string OtherNamespaceClass = """
        using Nfnet;

        namespace Other.Stuff;

        [NfnetModel(Base = "F0", NumClasses = 10)]
        public partial class WideF0 { }
        """;

    private static GeneratorRun Run(string? zooNamespace, params (string Path, string Text)[] sources) =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver([AppSpec], zooNamespace: zooNamespace), GeneratorHarness.Compilation(sources));

    private static string ZooNamespaceOf(GeneratorRun run) =>
        run.Source("NfnetZoo.g.cs").Split('\n').Single(l => l.StartsWith("namespace ", StringComparison.Ordinal));

    private static void AssertCompiles(GeneratorRun run)
    {
        var errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
    }

    [Fact]
    public void A_class_in_another_namespace_does_not_move_the_zoo_away_from_its_callers()
    {
        var yamlOnly = Run("App.Models", ("/repo/Caller.cs", Caller));
        var withClass = Run("App.Models", ("/repo/Caller.cs", Caller), ("/repo/Other/WideF0.cs", OtherNamespaceClass));

        Assert.Empty(yamlOnly.Diagnostics);
        Assert.Empty(withClass.Diagnostics);
        Assert.Equal("namespace App.Models;", ZooNamespaceOf(yamlOnly));
        Assert.Equal("namespace App.Models;", ZooNamespaceOf(withClass));
        AssertCompiles(yamlOnly);
        AssertCompiles(withClass);
        // The other namespace's class is registered by its full name.
        Assert.Contains("\"WideF0\" => new global::Other.Stuff.WideF0(", withClass.Source("NfnetZoo.g.cs"));
    }

    [Fact]
    public void The_zoo_goes_where_the_property_says_even_when_every_variant_is_elsewhere()
    {
        var run = Run("App");

        Assert.Empty(run.Diagnostics);
        Assert.Equal("namespace App;", ZooNamespaceOf(run));
        Assert.Contains("\"Tiny\" => new global::App.Models.NfnetTiny(", run.Source("NfnetZoo.g.cs"));
        AssertCompiles(run);
    }

    [Fact]
    public void Without_the_property_the_zoo_is_in_Nfnet_Generated()
    {
        var run = Run(zooNamespace: null);

        Assert.Empty(run.Diagnostics);
        Assert.Equal("namespace Nfnet.Generated;", ZooNamespaceOf(run));
    }

    [Theory]
    [InlineData("my-app")]
    [InlineData("App.class")]
    [InlineData("App..Models")]
    [InlineData("App; public class Evil { }")]
    public void A_property_that_is_not_a_namespace_is_NFN021_and_no_zoo(string value)
    {
        var run = Run(value);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NFN021", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains($"'{value}'", diagnostic.GetMessage());
        Assert.Contains("NfnetZooNamespace", diagnostic.GetMessage());
        Assert.DoesNotContain("NfnetZoo.g.cs", run.HintNames);
        Assert.Contains("specs.app.NfnetTiny.g.cs", run.HintNames); // the models themselves are still generated
    }

    [Fact]
    public void A_bad_property_is_not_reported_when_there_is_no_zoo_to_place()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver([], zooNamespace: "my-app"), GeneratorHarness.Compilation());

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("NfnetZoo.g.cs", run.HintNames);
    }

    [Fact]
    public void Emit_with_zoo_namespace_writes_the_generators_zoo_byte_for_byte()
    {
        var spec = Path.Combine(_folder, "specs", "app.nfnet.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(spec)!);
        File.WriteAllText(spec, AppSpecText);
        var output = Path.Combine(_folder, "out");

        var exit = Program.Run(["emit", spec, "--out", output, "--root", _folder, "--zoo-namespace", "App"], new CliContext(new StringWriter(), new StringWriter(), _folder));

        Assert.Equal(0, exit);
        var generated = Encoding.UTF8.GetBytes(Run("App").Source("NfnetZoo.g.cs"));
        Assert.True(generated.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, "NfnetZoo.g.cs"))));
    }

    [Fact]
    public void Emit_without_zoo_namespace_uses_the_generators_default()
    {
        var spec = Path.Combine(_folder, "app.nfnet.yaml");
        File.WriteAllText(spec, AppSpecText);
        var output = Path.Combine(_folder, "out");

        var exit = Program.Run(["emit", spec, "--out", output, "--root", _folder], new CliContext(new StringWriter(), new StringWriter(), _folder));

        Assert.Equal(0, exit);
        Assert.Contains("\nnamespace Nfnet.Generated;\n", File.ReadAllText(Path.Combine(output, "NfnetZoo.g.cs")));
    }

    [Fact]
    public void Emit_with_a_zoo_namespace_that_is_not_a_namespace_is_a_usage_error_that_names_it()
    {
        var spec = Path.Combine(_folder, "app.nfnet.yaml");
        File.WriteAllText(spec, AppSpecText);
        var error = new StringWriter();

        var exit = Program.Run(["emit", spec, "--out", Path.Combine(_folder, "out"), "--zoo-namespace", "my-app"], new CliContext(new StringWriter(), error, _folder));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("nfnet: --zoo-namespace 'my-app' is not a C# namespace (dot-separated identifiers, such as MyApp.Models)\n", error.ToString().Replace("\r\n", "\n"));
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }
}
