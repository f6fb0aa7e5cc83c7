using System.IO;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>
/// `dotnet tool install nfnet` from the feed, as docs/generator.md says, into a tool path: the installed command checks
/// and summarizes a spec and builds a model (TorchSharp loads, so the tool package holds the patched native library).
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class ToolInstallTests(PackageFeed feed)
{
    [Fact]
    public void The_documented_tool_install_gives_a_working_nfnet_command()
    {
        Assert.Null(feed.PackFailure);
        using var consumer = new ConsumerFolder(feed);
        var tools = consumer.PathOf("tools");
        consumer.Write("specs/tiny.nfnet.yaml", "variants:\n  Tiny:\n    width: [32, 64]\n    depth: [1, 1]\n    groupWidth: 8\n    stem: [8, 8, 16]\n    trainImageSize: 32\n");

        var install = DotnetCli.Run(consumer.Root, PackageFeed.Step,
            [.. DocumentedCommands.Arguments(DocumentedCommands.ToolInstall, ("tools", tools), ("artifacts", feed.Feed)), "--version", feed.Version]);
        Assert.True(install.ExitCode == 0, install.ToString());
        var nfnet = Path.Combine(tools, "nfnet");

        var check = DotnetCli.RunProgram(nfnet, consumer.Root, PackageFeed.Step, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal("1 file, 1 variant, 0 errors, 0 warnings", check.Output.Trim());
        var summary = DotnetCli.RunProgram(nfnet, consumer.Root, PackageFeed.Step, "summary", "specs");
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Matches(@"(?m)^Tiny\s+NfnetTiny\s+[\d,]+\s", summary.Output);
        // Builds F0 (on the meta device): 233 tensors and 71,489,284 parameters, as timm's dm_nfnet_f0 has.
        var inspect = DotnetCli.RunProgram(nfnet, consumer.Root, PackageFeed.Step, "inspect", "F0");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.StartsWith("F0 (NfnetF0): 233 tensors, 71,489,284 parameters\n", inspect.Output.Replace("\r\n", "\n"));
    }
}
