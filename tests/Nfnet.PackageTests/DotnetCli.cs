using System;
using System.Diagnostics;
using System.Text;

namespace Nfnet.PackageTests;

/// <summary>Runs the dotnet CLI, or a program it built, as a child process, isolated from the test host's MSBuild and NuGet settings.</summary>
internal static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}";
    }

    /// <summary>
    /// Variables a test host inherits from `dotnet test` that would point a child build at the wrong MSBuild, or make it
    /// ignore the consumer's nuget.config (NUGET_PACKAGES overrides globalPackagesFolder).
    /// </summary>
    private static readonly string[] Scrubbed =
        ["MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "NUGET_PACKAGES", "VSTEST_HOST_DEBUG"];

    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgram("dotnet", workingDirectory, timeout, arguments);

    /// <summary>Runs <paramref name="program"/> (a path, or a name on PATH) with the same clean environment.</summary>
    public static Result RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in Scrubbed)
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Build servers would outlive the test and keep the temporary folders busy.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(-1, $"timed out after {timeout}: {program} {string.Join(" ", arguments)}\n{output}");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        return new Result(process.ExitCode, output.ToString());
    }
}
