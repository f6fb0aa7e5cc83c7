using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>What the documented pack command puts in the feed, and what each package says about itself.</summary>
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class PackageContentsTests(PackageFeed feed)
{
    private static XElement Metadata(ZipArchive package)
    {
        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var document = XDocument.Load(nuspec);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static XElement? Element(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    [Fact]
    public void One_command_packs_every_package_a_consumer_needs_and_the_tool()
    {
        Assert.Null(feed.PackFailure);

        Assert.Equal(PackageFeed.Packages.Order(StringComparer.Ordinal), feed.PackedIds());
        Assert.DoesNotContain("warning", feed.PackOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Nfnet.Dsl")]
    [InlineData("Nfnet.Generators")]
    [InlineData("Nfnet.Runtime")]
    [InlineData("Nfnet.Models")]
    [InlineData("Nfnet.Imaging")]
    [InlineData("Nfnet.Distributed")]
    [InlineData("Nfnet.Training")]
    [InlineData("Nfnet.Analysis")]
    [InlineData("Nfnet.Benchmarking")]
    [InlineData("Nfnet.Onnx")]
    [InlineData("Nfnet.Serving")]
    [InlineData("nfnet")]
    public void Every_package_has_a_description_license_readme_and_repository(string id)
    {
        Assert.Null(feed.PackFailure);
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var metadata = Metadata(package);

        var description = Value(metadata, "description");
        Assert.NotNull(description);
        Assert.NotEqual("Package Description", description);
        Assert.True(description.Length >= 80, $"{id}: description too short to say anything: '{description}'");
        Assert.Equal("NfnetDsl", Value(metadata, "authors"));
        var license = Element(metadata, "license");
        Assert.NotNull(license);
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Value(metadata, "readme"));
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
            Assert.StartsWith($"# {id}\n", readme.ReadToEnd().Replace("\r\n", "\n"));
        var repository = Element(metadata, "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), repository.Attribute("commit")?.Value ?? "");
    }

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
        var metadata = Metadata(package);
        Assert.Equal("true", Value(metadata, "developmentDependency"));
        Assert.Null(Element(metadata, "dependencies"));
    }

    [Fact]
    public void The_runtime_package_ships_the_repositorys_one_Debian_fix_as_buildTransitive()
    {
        Assert.Null(feed.PackFailure);
        using var package = ZipFile.OpenRead(feed.PackagePath("Nfnet.Runtime"));
        var shipped = new MemoryStream();
        using (var entry = package.GetEntry("buildTransitive/Nfnet.Runtime.targets")!.Open())
            entry.CopyTo(shipped);

        var source = Path.Combine(RepoPaths.Root, "src", "Nfnet.Runtime", "buildTransitive", "Nfnet.Runtime.targets");
        Assert.Equal(File.ReadAllBytes(source), shipped.ToArray());
        // The repo's own build imports that file rather than a copy of the task.
        var repoTargets = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.targets"));
        Assert.Contains("<Import Project=\"$(MSBuildThisFileDirectory)src/Nfnet.Runtime/buildTransitive/Nfnet.Runtime.targets\" />", repoTargets);
        Assert.DoesNotContain("UsingTask", repoTargets);
    }

    [Fact]
    public void The_tool_package_is_the_nfnet_command_without_native_debug_symbols()
    {
        Assert.Null(feed.PackFailure);
        using var package = ZipFile.OpenRead(feed.PackagePath("nfnet"));

        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("tools/net10.0/any/nfnet.dll", entries);
        Assert.Contains("tools/net10.0/any/runtimes/linux-x64/native/libLibTorchSharp.so", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/native/", StringComparison.Ordinal) && e.EndsWith(".pdb", StringComparison.Ordinal));
        using var settings = new StreamReader(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        Assert.Contains("<Command Name=\"nfnet\" EntryPoint=\"nfnet.dll\" Runner=\"dotnet\" />", settings.ReadToEnd());
    }
}
