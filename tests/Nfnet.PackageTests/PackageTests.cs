using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// The generator as a NuGet package: what the .nupkg holds, and that a project restored from a local feed generates,
/// builds and runs a model, and prints spec errors (from the generator and its analyzer) as located build errors.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    [Fact]
    public void The_generator_package_holds_the_analyzer_its_dependencies_and_the_build_files_and_nothing_to_reference()
    {
        Assert.Null(feed.PackFailure);
        using var package = ZipFile.OpenRead(feed.PackagePath("Nfnet.Generators"));

        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("analyzers/dotnet/cs/Nfnet.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Nfnet.Dsl.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("build/Nfnet.Generators.props", entries);
        Assert.Contains("build/Nfnet.Generators.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", manifest);
        Assert.DoesNotContain("<dependency ", manifest);
    }

    [Fact]
    public void A_consumer_restored_from_the_packages_generates_builds_and_runs_a_model_and_reports_spec_errors_in_place()
    {
        Assert.Null(feed.PackFailure);
        var consumer = Path.Combine(feed.Folder, "consumer");
        ConsumerProject.Write(consumer, feed.Feed, Path.Combine(feed.Folder, "packages"), feed.Version);

        var build = DotnetCli.Run(consumer, PackageFeed.Step, "build", "-c", "Release", PackageFeed.OneNode);
        Assert.True(build.ExitCode == 0, build.ToString());
        var run = DotnetCli.Run(consumer, PackageFeed.Step, Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("logits [2, 1000]", run.Output);

        // A broken spec is found by the props file's **/*.nfnet.yaml glob and fails the build at the misspelt key.
        File.WriteAllText(Path.Combine(consumer, "specs", "broken.nfnet.yaml"), "variants:\n  Broken:\n    depth: [1]\n    widht: [16]\n    trainImageSize: 32\n");
        // A broken attribute is reported by the package's analyzer, at the argument ("swish" starts in column 45).
        File.WriteAllText(Path.Combine(consumer, "Broken.cs"), "namespace Consumer.Models;\n[Nfnet.NfnetModel(Base = \"F0\", Activation = \"swish\")]\npublic partial class BrokenAttribute { }\n");
        var broken = DotnetCli.Run(consumer, PackageFeed.Step, "build", "-c", "Release", "--no-restore", PackageFeed.OneNode);
        Assert.NotEqual(0, broken.ExitCode);
        var yamlError = $"{Path.Combine(consumer, "specs", "broken.nfnet.yaml")}(4,5): error NFN002: unknown key 'widht' in a variant; did you mean 'width'?";
        var attributeError = $"{Path.Combine(consumer, "Broken.cs")}(2,45): error NFN008: ";
        Assert.Contains(yamlError, broken.Output);
        Assert.Contains(attributeError, broken.Output);
        // Reported once, like the YAML error (MSBuild repeats every error in its summary), so not by generator and analyzer both.
        Assert.Equal(Occurrences(broken.Output, yamlError), Occurrences(broken.Output, attributeError));
        // The stubs keep the broken classes' names defined: the NFN errors are the build's only errors.
        Assert.DoesNotContain("error CS", broken.Output);
    }

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "").Length) / value.Length;
}
