using System;
using System.IO;

namespace Nfnet.PackageTests;

/// <summary>
/// A local feed with this run's Nfnet.Generators, Nfnet.Runtime and Nfnet.Dsl packages, packed once for all tests of a
/// class, in a temporary folder that is deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    /// <summary>One MSBuild node: CI runs the other test assemblies alongside on two cores, some of them timing-sensitive.</summary>
    public const string OneNode = "-maxcpucount:1";

    public PackageFeed()
    {
        Pack("Nfnet.Generators");
        Pack("Nfnet.Runtime");
        // Nfnet.Runtime depends on the compiler core's package (plan types, γ table).
        Pack("Nfnet.Dsl");
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("nfnet-package-").FullName;

    public string Feed => Path.Combine(Folder, "feed");

    /// <summary>A version no earlier run can have put in any package cache, so restore always takes this run's packages.</summary>
    public string Version { get; } = "1.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

    /// <summary>Why packing failed, reported by each test rather than thrown from the fixture (which xunit reports poorly).</summary>
    public string? PackFailure { get; private set; }

    public string PackagePath(string project) => Path.Combine(Feed, $"{project}.{Version}.nupkg");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Pack(string project, params string[] properties)
    {
        if (PackFailure is not null)
            return;
        var result = DotnetCli.Run(ConsumerProject.RepoRoot, Step,
            ["pack", Path.Combine(ConsumerProject.RepoRoot, "src", project), "-c", "Release", "-o", Feed, $"-p:Version={Version}", OneNode, .. properties]);
        if (result.ExitCode != 0)
            PackFailure = $"dotnet pack {project} failed: {result}";
    }
}
