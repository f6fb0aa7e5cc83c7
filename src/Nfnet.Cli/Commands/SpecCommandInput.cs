using System.Collections.Generic;
using Nfnet.Dsl;

namespace Nfnet.Cli.Commands;

/// <summary>The first steps every spec-reading command shares: expand the paths, then read and compile each file.</summary>
public static class SpecCommandInput
{
    /// <summary>
    /// Returns the compilations, or null with <paramref name="exitCode"/> set after the reason went to stderr:
    /// <see cref="ExitCodes.Usage"/> for a bad path, <see cref="ExitCodes.SpecErrors"/> for an unreadable file.
    /// </summary>
    public static IReadOnlyList<SpecCompilation>? Compile(CliContext context, IReadOnlyList<string> paths, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (!SpecSources.TryExpand(paths, context.WorkingDirectory, out var sources, out var error))
        {
            context.Error.WriteLine($"nfnet: {error}");
            exitCode = ExitCodes.Usage;
            return null;
        }
        var compilations = SpecLoader.CompileAll(sources, context.Error);
        if (compilations is null)
            exitCode = ExitCodes.SpecErrors;
        return compilations;
    }
}
