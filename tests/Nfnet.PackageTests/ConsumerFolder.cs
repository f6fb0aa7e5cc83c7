using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// A brand-new folder for a consumer of the packages, outside the repository: no Directory.Build.* or nuget.config of
/// the repo can reach it, and it imports nothing from the repo. Its nuget.config knows the local feed, nuget.org and
/// this machine's package folder (for TorchSharp, so nothing big is downloaded), and extracts into a folder of its own.
/// </summary>
internal sealed class ConsumerFolder : IDisposable
{
    public ConsumerFolder(PackageFeed feed)
    {
        Root = Directory.CreateTempSubdirectory("nfnet-consumer-").FullName;
        Assert.False(RepoPaths.Contains(Root), $"{Root} is inside the repository {RepoPaths.Root}");
        // MSBuild looks for these in every parent folder; none may add anything to a brand-new project.
        for (var folder = Directory.GetParent(Root); folder is not null; folder = folder.Parent)
        {
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                Assert.False(File.Exists(Path.Combine(folder.FullName, name)), $"{Path.Combine(folder.FullName, name)} would be imported by the consumer");
        }
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, ".packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{RepoPaths.MachinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Nothing the consumer was given names a file of the repository (its build files, its specs).</summary>
    public void AssertNothingPointsIntoTheRepository()
    {
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.packages/") && !f.Contains("/bin/") && !f.Contains("/obj/")))
            Assert.DoesNotContain(RepoPaths.Root.TrimEnd('/'), File.ReadAllText(file));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
