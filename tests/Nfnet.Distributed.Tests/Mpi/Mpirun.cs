using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Nfnet.Distributed.Tests.Mpi;

/// <summary>Runs the built nfnet CLI under OpenMPI's mpirun, or alone, as processes of their own.</summary>
internal static class Mpirun
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why mpirun cannot run here, or null when it can.</summary>
    public static string? WhyNot => Unavailable.Value;

    public static string Cli
    {
        get
        {
            var path = typeof(Mpirun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new FileNotFoundException($"{full} is not built", full);
            return full;
        }
    }

    // Root in CI containers, fewer cores than ranks, and containers that forbid the cross-process memory reads
    // OpenMPI's shared-memory transport prefers: none of these should stop a 2-rank test. mpirun gives the ranks a
    // pseudo-terminal, on which .NET would write the terminal's keypad escape first; a dumb terminal has none.
    private static readonly (string, string)[] Environment =
    [
        ("TERM", "dumb"),
        ("OMPI_ALLOW_RUN_AS_ROOT", "1"), ("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"), ("OMPI_MCA_rmaps_base_oversubscribe", "1"),
        ("OMPI_MCA_btl_vader_single_copy_mechanism", "none"),
    ];

    private static string? Probe()
    {
        try
        {
            var result = Run("mpirun", ["-np", "1", "true"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(60));
            return result.Code == 0 ? null : $"mpirun -np 1 true failed (exit {result.Code}): {result.Error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "mpirun is not installed: the data-parallel tests need OpenMPI (apt-get install openmpi-bin; .ci/run installs it)";
        }
    }

    /// <summary>`mpirun ARGS` (e.g. "-np", "2", then "nfnet" for the CLI) in <paramref name="workingDirectory"/>.</summary>
    public static ProcessResult Launch(string workingDirectory, IEnumerable<string> mpirunArguments, TimeSpan? timeout = null) =>
        Run("mpirun", Expand(mpirunArguments), workingDirectory, timeout ?? TimeSpan.FromMinutes(4));

    /// <summary>`nfnet ARGS` in one process, without MPI.</summary>
    public static ProcessResult Alone(string workingDirectory, params string[] arguments) =>
        Run("dotnet", [Cli, .. arguments], workingDirectory, TimeSpan.FromMinutes(4));

    /// <summary>Starts mpirun without waiting (for the tests that interfere with a running job).</summary>
    public static Process Start(string workingDirectory, IEnumerable<string> mpirunArguments) =>
        Process.Start(Info("mpirun", Expand(mpirunArguments), workingDirectory))!;

    // "nfnet" stands for the built CLI, which mpirun starts as `dotnet nfnet.dll`.
    private static string[] Expand(IEnumerable<string> arguments) => arguments.SelectMany(a => a == "nfnet" ? new[] { "dotnet", Cli } : [a]).ToArray();

    private static ProcessStartInfo Info(string program, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        return start;
    }

    private static ProcessResult Run(string program, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(Info(program, arguments, workingDirectory))!;
        return Wait(process, timeout, $"{program} {string.Join(' ', arguments)}");
    }

    public static ProcessResult Wait(Process process, TimeSpan timeout, string what)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in {timeout}");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal sealed record ProcessResult(int Code, string Out, string Error);

/// <summary>A fact that runs only where OpenMPI's mpirun can start processes, and otherwise says why it was skipped.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (Mpirun.WhyNot is { } reason) Skip = reason;
    }
}
