using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>A wrong command line exits 2, distinct from 1 (a spec has errors), and says what was wrong.</summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("summary")]
    public void MissingPathExitsTwoNamingIt(string command)
    {
        var result = CliRun.Shipped(command, "no-such-folder");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet: path 'no-such-folder' does not exist\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("check", "--bogus")]
    [InlineData("summary", "--jsn")]
    public void UnknownOptionExitsTwo(string command, string option)
    {
        var result = CliRun.Shipped(command, option, "specs");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"nfnet {command}: Unrecognized option '{option}'.\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void BenchNamesEveryOutOfRangeSettingBeforeBuildingAModel()
    {
        var result = CliRun.Shipped("bench", "--batch", "0", "--image-size", "16", "--rounds", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet bench: --batch must be at least 1, got 0\n"
            + "nfnet bench: --image-size must be at least 32 (the network's total stride), got 16\n"
            + "nfnet bench: --rounds must be at least 1, got 0\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void UnknownCommandExitsTwo()
    {
        var result = CliRun.Shipped("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet: unknown command 'frobnicate'; the commands are check, summary, inspect, diff, spp, emit, train, evaluate, predict, export, bench\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void AMistypedCommandGetsOneSuggestionAndNoHelp()
    {
        var result = CliRun.Shipped("chek");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet: unknown command 'chek'; did you mean 'check'?\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void NoCommandExitsTwo()
    {
        Assert.Equal(2, CliRun.Shipped().ExitCode);
    }

    [Fact]
    public void NoPathAndNoSpecsFolderExitsTwo()
    {
        using var folder = new TempSpecFolder();

        var result = CliRun.In(folder.Root, "check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no path given and there is no 'specs' folder", result.Error);
    }

    [Fact]
    public void FolderWithoutSpecsExitsTwo()
    {
        using var folder = new TempSpecFolder();
        folder.Write("empty/readme.txt", "not a spec");

        var result = CliRun.In(folder.Root, "check", "empty");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet: no *.nfnet.yaml files in 'empty'\n", result.Error);
    }

    [Fact]
    public void HelpIsNotAnError()
    {
        var result = CliRun.Shipped("check", "--help");

        Assert.Equal(0, result.ExitCode);
        // The usage line starts with the host's name (testhost in-process), so match from the command on.
        Assert.Contains(" check [<paths>...] [options]", result.Out);
    }
}
