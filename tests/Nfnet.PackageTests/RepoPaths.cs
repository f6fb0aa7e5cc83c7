using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Nfnet.PackageTests;

/// <summary>Where the repository is (to pack and build it), and where this machine keeps its NuGet packages.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where this machine's restores keep packages: TorchSharp and friends are found there instead of downloaded again.</summary>
    public static string MachinePackages { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public static bool Contains(string path) =>
        Path.GetFullPath(path).StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string FindRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
