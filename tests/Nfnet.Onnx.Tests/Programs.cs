using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Nfnet.Onnx.Tests;

/// <summary>The programs the tests run as processes of their own: the serving probe and the nfnet CLI (built output).</summary>
internal static class Programs
{
    public static string Probe => Metadata("ProbePath");

    public static string Cli => Metadata("CliPath");

    /// <summary>Runs `dotnet DLL ARGS` in <paramref name="workingDirectory"/>; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Error) Run(string dll, string workingDirectory, (string, string)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result);
    }

    private static string Metadata(string key)
    {
        var path = typeof(Programs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{key}: {full} is not built", full);
        return full;
    }
}
