using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// A local feed made by the documented pack command, once for every test of <see cref="PackagesCollection"/>, in a
/// temporary folder that is deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(6);

    /// <summary>One MSBuild node: CI runs the other test assemblies alongside on two cores, some of them timing-sensitive.</summary>
    public const string OneNode = "-maxcpucount:1";

    /// <summary>
    /// The test's builds of the repository must not rewrite src/Nfnet.Models/Generated: GeneratedFolderTests may be
    /// reading it at that moment, from another test assembly.
    /// </summary>
    public const string LeaveGeneratedFolderAlone = "-p:EmitCompilerGeneratedFiles=false";

    /// <summary>Every package the one pack command must produce: what a consumer of the generator needs, the libraries, the tool.</summary>
    public static readonly string[] Packages =
        ["Nfnet.Dsl", "Nfnet.Generators", "Nfnet.Runtime", "Nfnet.Models", "Nfnet.Imaging", "Nfnet.Distributed", "Nfnet.Training", "Nfnet.Analysis", "Nfnet.Benchmarking",
            "Nfnet.Onnx", "Nfnet.Serving", "nfnet"];

    public PackageFeed()
    {
        // The documented command, plus: a version no cache can hold yet, and bin/obj in a folder of its own, so this
        // pack neither reuses nor disturbs the checkout's build (which the other test assemblies are running from).
        var pack = DotnetCli.Run(RepoPaths.Root, Step,
        [
            .. DocumentedCommands.Arguments(DocumentedCommands.Pack, ("artifacts", Feed)),
            $"-p:Version={Version}", "--artifacts-path", Path.Combine(Folder, "build"), LeaveGeneratedFolderAlone,
            "-p:CreateHardLinksForCopyLocalIfPossible=true", OneNode,
        ]);
        if (pack.ExitCode != 0)
            PackFailure = $"{DocumentedCommands.Pack} failed: {pack}";
        PackOutput = pack.Output;
        // The build folder holds about 2 GB of TorchSharp copies that no test needs again.
        if (Directory.Exists(Path.Combine(Folder, "build")))
            Directory.Delete(Path.Combine(Folder, "build"), recursive: true);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("nfnet-package-").FullName;

    public string Feed => Path.Combine(Folder, "feed");

    /// <summary>A version no earlier run can have put in any package cache, so restore always takes this run's packages.</summary>
    public string Version { get; } = "1.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

    /// <summary>Why packing failed, reported by each test rather than thrown from the fixture (which xunit reports poorly).</summary>
    public string? PackFailure { get; }

    public string PackOutput { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string[] PackedIds() =>
        Directory.GetFiles(Feed, "*.nupkg").Select(p => Path.GetFileName(p)[..^$".{Version}.nupkg".Length]).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// The tests that pack, restore and build, run one after another (the assembly does not run collections in parallel):
/// each is a long child build, and two at once would only compete for the same two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "Packages";
}
