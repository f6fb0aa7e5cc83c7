using System;
using System.IO;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// `dotnet build src/Nfnet.Cli -o DIR` and `dotnet publish src/Nfnet.Cli -o DIR`, as the docs give them: every project
/// the CLI references builds into the one folder, and the nfnet there runs, TorchSharp included.
/// </summary>
[Trait("Category", "Slow")]
[Collection(Name)]
public sealed class OutputFolderTests : IDisposable
{
    /// <summary>A collection of its own: these tests need no feed, so running only them packs nothing.</summary>
    public const string Name = "Build outputs";

    private readonly string _folder = Directory.CreateTempSubdirectory("nfnet-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertRuns(string folder)
    {
        var nfnet = Path.Combine(folder, "nfnet");
        var summary = DotnetCli.RunProgram(nfnet, RepoPaths.Root, PackageFeed.Step, "summary", "specs");
        Assert.True(summary.ExitCode == 0, summary.ToString());
        // 71,489,284 parameters and 12.38 GMACs at 256 px: NFNet-F0 as timm and the paper count it.
        Assert.Matches(@"(?m)^F0\s+NfnetF0\s+71,489,284\s+71\.49M\s+12\.38G\s", summary.Output);
        var inspect = DotnetCli.RunProgram(nfnet, RepoPaths.Root, PackageFeed.Step, "inspect", "F0");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.StartsWith("F0 (NfnetF0): 233 tensors, 71,489,284 parameters\n", inspect.Output.Replace("\r\n", "\n"));
        if (NativeHost.NeedsPatchedTorchSharp())
            Assert.True(File.Exists(Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")));
    }

    [Fact]
    public void The_cli_builds_into_one_folder_with_o_and_runs_from_there()
    {
        var output = Path.Combine(_folder, "nfnet");

        var build = DotnetCli.Run(RepoPaths.Root, PackageFeed.Step,
            [.. DocumentedCommands.Arguments(DocumentedCommands.BuildCliToFolder, ("out/nfnet", output)), PackageFeed.LeaveGeneratedFolderAlone, PackageFeed.OneNode]);

        Assert.True(build.ExitCode == 0, build.ToString());
        if (NativeHost.NeedsPatchedTorchSharp())
            Assert.Contains(NativeHost.PatchedLine("Nfnet.Cli", output), build.Output);
        AssertRuns(output);
    }

    [Fact]
    public void The_cli_publishes_into_one_folder_with_o_and_runs_from_there()
    {
        var output = Path.Combine(_folder, "nfnet-publish");

        var publish = DotnetCli.Run(RepoPaths.Root, PackageFeed.Step,
            [.. DocumentedCommands.Arguments(DocumentedCommands.PublishCliToFolder, ("out/nfnet-publish", output)), PackageFeed.LeaveGeneratedFolderAlone, PackageFeed.OneNode]);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        if (NativeHost.NeedsPatchedTorchSharp())
            Assert.Contains(NativeHost.PatchedLine("Nfnet.Cli", output), publish.Output);
        AssertRuns(output);
    }
}
