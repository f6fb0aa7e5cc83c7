using System;
using System.IO;
using Nfnet.Cli;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>What one in-process `nfnet` run returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the CLI in-process with captured output; much faster than a process per test.</summary>
internal static class CliRun
{
    /// <summary>The test output folder, which holds a copy of specs/ (see the test csproj).</summary>
    public static string OutputFolder => AppContext.BaseDirectory;

    public static CliResult In(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = Program.Run(args, new CliContext(stdout, stderr, workingDirectory));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with the test output folder as working directory, so `specs` means the shipped specs.</summary>
    public static CliResult Shipped(params string[] args) => In(OutputFolder, args);
}
