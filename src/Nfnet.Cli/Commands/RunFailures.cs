using System;
using System.IO;
using Nfnet.Training.Checkpoints;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;

namespace Nfnet.Cli.Commands;

/// <summary>
/// The failures train, evaluate and predict expect from bad input, and their exit codes. Anything else is a bug and
/// keeps its stack trace; these are the user's to fix, so they get one message and no trace.
/// </summary>
public static class RunFailures
{
    /// <summary>Whether <paramref name="e"/> reports bad input (files, data, weights, specs, settings).</summary>
    public static bool AreExpected(Exception e) =>
        e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or SpecException or CheckpointException
            or WeightMismatchException or SafetensorsFormatException or PyTorchFormatException;

    /// <summary>A setting that cannot work (ArgumentException) is a usage error; bad files and data are input errors.</summary>
    public static int ExitCodeOf(Exception e) => e is ArgumentException ? ExitCodes.Usage : ExitCodes.SpecErrors;

    /// <summary>Writes "nfnet COMMAND: message" and returns the exit code.</summary>
    public static int Report(CliContext context, string command, Exception e)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(e);
        context.Error.WriteLine($"nfnet {command}: {e.Message}");
        return ExitCodeOf(e);
    }
}
