using System.IO;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// An app that never names Nfnet.Runtime: it references a class library of its own, which references the Nfnet.Models
/// package, which depends on Nfnet.Runtime. The runtime package's buildTransitive targets must still reach the app,
/// so its build and publish folders get TorchSharp patched, and the published app runs NFNet-F0.
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class TransitiveConsumerTests(PackageFeed feed)
{
    /// <summary>
    /// NFNet-F0 has 71,489,284 parameters with its 1000-class head (timm's dm_nfnet_f0; the paper rounds it to 71.5M);
    /// with 4 classes the 3072→1000 linear head (3,073,000 parameters) becomes 3072→4 (12,292).
    /// </summary>
    private const long F0WithFourClasses = 71_489_284 - (3072 * 1000 + 1000) + (3072 * 4 + 4);

    [Fact]
    public void An_app_two_references_away_from_the_runtime_publishes_and_runs_F0()
    {
        Assert.Null(feed.PackFailure);
        using var consumer = new ConsumerFolder(feed);
        consumer.Write("Lib/Lib.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nfnet.Models" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Lib/Classifier.cs", """
            using System.Linq;
            using Nfnet.Models;
            using TorchSharp;

            namespace Lib;

            public static class Classifier
            {
                public static string Describe()
                {
                    using var model = NfnetZoo.Create("F0", numClasses: 4);
                    model.eval();
                    using var input = torch.randn(1, 3, 64, 64);
                    using var logits = model.forward(input);
                    return $"F0: {model.parameters().Sum(p => p.numel())} parameters, logits [{string.Join(", ", logits.shape)}]";
                }
            }
            """);
        consumer.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("App/Program.cs", "System.Console.WriteLine(Lib.Classifier.Describe());\n");
        consumer.AssertNothingPointsIntoTheRepository();

        var published = consumer.PathOf("published");
        var publish = DotnetCli.Run(consumer.PathOf("App"), PackageFeed.Step, "publish", "-c", "Release", "-o", published, PackageFeed.OneNode);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        if (NativeHost.NeedsPatchedTorchSharp())
        {
            Assert.Contains(NativeHost.PatchedLine("App", consumer.PathOf(Path.Combine("App", "bin", "Release", "net10.0"))), publish.Output);
            Assert.Contains(NativeHost.PatchedLine("App", published), publish.Output);
        }
        var run = DotnetCli.Run(consumer.Root, PackageFeed.Step, Path.Combine(published, "App.dll"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"F0: {F0WithFourClasses} parameters, logits [1, 4]", run.Output.Trim());
    }
}
