using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>Runs the built nfnet.dll in its own process once per exit code, to check what a shell really sees.</summary>
public class EndToEndTests
{
    [Theory]
    [InlineData(0, "check", "specs")]
    [InlineData(1, "check", "zero.nfnet.yaml")]
    [InlineData(2, "check", "--bogus")]
    public async Task ProcessExitCodes(int expected, params string[] args)
    {
        using var folder = new TempSpecFolder();
        folder.Write("zero.nfnet.yaml", CliSpecs.ZeroDepth);
        folder.Write("specs/nfnet.nfnet.yaml", Specs.ShippedText);

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        // The test project references Nfnet.Cli, so nfnet.dll and its runtimeconfig sit next to the test assembly.
        start.ArgumentList.Add(Path.Combine(CliRun.OutputFolder, "nfnet.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "nfnet did not exit within 60 s");

        Assert.True(expected == process.ExitCode, $"exit {process.ExitCode}\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
    }
}
