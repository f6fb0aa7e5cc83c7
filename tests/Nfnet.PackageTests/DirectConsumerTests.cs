using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// A new console app, outside the repository, that references Nfnet.Generators and Nfnet.Runtime from the feed as
/// docs/generator.md says, with a spec of its own: it generates, builds and runs a model (on Debian 12 only because the
/// runtime package's targets patched TorchSharp in the app's own output), finds NfnetZoo in its root namespace, and
/// gets spec errors as located build errors.
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class DirectConsumerTests(PackageFeed feed)
{
    private static void WriteConsumer(ConsumerFolder consumer, string version)
    {
        // What docs/generator.md tells a user to write, and nothing else from the repository.
        consumer.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nfnet.Generators" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="Nfnet.Runtime" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("specs/tiny.nfnet.yaml", """
            namespace: Consumer.Models
            variants:
              Tiny:
                width: [32, 64]
                depth: [1, 1]
                groupWidth: 8
                stem: [8, 8, 16]
                trainImageSize: 32
            """);
        consumer.Write("Program.cs", """
            using System;
            using System.Linq;
            using Consumer.Models;
            using TorchSharp;

            namespace Consumer.Extra
            {
                // Compiled, not built: Base resolves against the F/F+ family embedded in the package. Being in another
                // namespace than the YAML variant, it must not move NfnetZoo away from Consumer (the root namespace).
                [Nfnet.NfnetModel(Base = "F0", Activation = "relu", NumClasses = 10)]
                public partial class ReluF0
                {
                }
            }

            namespace Consumer
            {
                public static class Program
                {
                    public static int Main()
                    {
                        using var model = (NfnetTiny)NfnetZoo.Create("Tiny");
                        var parameters = model.parameters().Sum(p => p.numel());
                        using var input = torch.randn(2, 3, 32, 32);
                        using var logits = model.forward(input);
                        Console.WriteLine($"Tiny: {parameters} parameters (planned {NfnetTiny.ParameterCount}), logits [{string.Join(", ", logits.shape)}]");
                        Console.WriteLine($"{typeof(NfnetZoo).FullName}: {string.Join(", ", NfnetZoo.Variants.Select(v => v.Name))}");

                        // The package readme's example.
                        using var small = new Consumer.Models.NfnetTiny(numClasses: 10);
                        using var smallLogits = small.forward(torch.randn(2, 3, 32, 32));
                        Console.WriteLine($"numClasses 10: logits [{string.Join(", ", smallLogits.shape)}]");
                        return 0;
                    }
                }
            }
            """);
    }

    [Fact]
    public void A_new_app_builds_from_the_feed_and_runs_its_own_spec_with_the_zoo_in_its_root_namespace()
    {
        Assert.Null(feed.PackFailure);
        using var consumer = new ConsumerFolder(feed);
        WriteConsumer(consumer, feed.Version);
        consumer.AssertNothingPointsIntoTheRepository();

        var build = DotnetCli.Run(consumer.Root, PackageFeed.Step, "build", "-c", "Release", PackageFeed.OneNode);
        Assert.True(build.ExitCode == 0, build.ToString());
        var output = consumer.PathOf(Path.Combine("bin", "Release", "net10.0"));
        if (NativeHost.NeedsPatchedTorchSharp())
            Assert.Contains(NativeHost.PatchedLine("Consumer", output), build.Output);
        var run = DotnetCli.Run(consumer.Root, PackageFeed.Step, Path.Combine(output, "Consumer.dll"));

        Assert.True(run.ExitCode == 0, run.ToString());
        // The module TorchSharp built has exactly the parameters the compiler core planned, and 1000 default classes.
        var line = Regex.Match(run.Output, @"^Tiny: (\d+) parameters \(planned (\d+)\), logits \[2, 1000\]$", RegexOptions.Multiline);
        Assert.True(line.Success, run.Output);
        Assert.Equal(line.Groups[2].Value, line.Groups[1].Value);
        Assert.Contains("Consumer.NfnetZoo: ReluF0, Tiny\n", run.Output.Replace("\r\n", "\n"));
        Assert.Contains("numClasses 10: logits [2, 10]\n", run.Output.Replace("\r\n", "\n"));

        // A broken spec is found by the package's **/*.nfnet.yaml glob and fails the build at the misspelt key.
        consumer.Write("specs/broken.nfnet.yaml", "variants:\n  Broken:\n    depth: [1]\n    widht: [16]\n    trainImageSize: 32\n");
        // A broken attribute is reported by the package's analyzer, at the argument ("swish" starts in column 45).
        consumer.Write("Broken.cs", "namespace Consumer.Models;\n[Nfnet.NfnetModel(Base = \"F0\", Activation = \"swish\")]\npublic partial class BrokenAttribute { }\n");
        var broken = DotnetCli.Run(consumer.Root, PackageFeed.Step, "build", "-c", "Release", "--no-restore", PackageFeed.OneNode);
        Assert.NotEqual(0, broken.ExitCode);
        var yamlError = $"{consumer.PathOf(Path.Combine("specs", "broken.nfnet.yaml"))}(4,5): error NFN002: unknown key 'widht' in a variant; did you mean 'width'?";
        var attributeError = $"{consumer.PathOf("Broken.cs")}(2,45): error NFN008: ";
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
