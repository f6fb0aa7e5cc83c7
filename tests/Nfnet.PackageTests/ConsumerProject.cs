using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Nfnet.PackageTests;

/// <summary>A throwaway consumer of the packages: a project file, a nuget.config for the local feed, a spec and a program.</summary>
internal static class ConsumerProject
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Where this machine's restores keep packages: TorchSharp and friends are found there instead of downloaded again.</summary>
    public static string MachinePackages { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public static void Write(string folder, string feed, string packages, string version)
    {
        Directory.CreateDirectory(Path.Combine(folder, "specs"));
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nfnet.Generators" Version="{{version}}" />
                <PackageReference Include="Nfnet.Runtime" Version="{{version}}" />
              </ItemGroup>
              <!-- TorchSharp 0.107's native glue needs a one-byte fix on Debian 12 (docs/torchsharp-on-debian.md). -->
              <Import Project="{{Path.Combine(RepoRoot, "Directory.Build.targets")}}" />
            </Project>
            """);
        // Only the local feed and this machine's packages: the test must not depend on anything else.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{MachinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "specs", "tiny.nfnet.yaml"), """
            namespace: Consumer.Models
            variants:
              Tiny:
                width: [32, 64]
                depth: [1, 1]
                groupWidth: 8
                stem: [8, 8, 16]
                trainImageSize: 32
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using System;
            using System.Linq;
            using Consumer.Models;
            using Nfnet;
            using TorchSharp;

            namespace Consumer.Models
            {
                // Compiled, not built: it shows Base resolves against the F/F+ family embedded in the package.
                [NfnetModel(Base = "F0", Activation = "relu", NumClasses = 10)]
                public partial class ReluF0
                {
                }
            }

            public static class Program
            {
                public static int Main()
                {
                    using var model = (NfnetTiny)NfnetZoo.Create("Tiny");
                    var parameters = model.parameters().Sum(p => p.numel());
                    using var input = torch.randn(2, 3, 32, 32);
                    using var logits = model.forward(input);
                    Console.WriteLine($"Tiny: {parameters} parameters (planned {NfnetTiny.ParameterCount}), logits [{string.Join(", ", logits.shape)}]");
                    return parameters == NfnetTiny.ParameterCount ? 0 : 3;
                }
            }
            """);
    }

    private static string FindRepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
