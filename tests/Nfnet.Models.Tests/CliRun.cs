using System;
using System.IO;
using Nfnet.Cli;

namespace Nfnet.Models.Tests;

/// <summary>What one in-process `nfnet` run returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRun
{
    public static CliResult In(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = Program.Run(args, new CliContext(stdout, stderr, workingDirectory));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static CliResult Run(params string[] args) => In(AppContext.BaseDirectory, args);
}
