using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace Nfnet.Cli.Commands;

/// <summary>`nfnet check [paths...]`: every diagnostic in MSBuild canonical form, then a one-line count.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = PathsArgument.Create();
        var command = new Command("check", "Compile specs and report every diagnostic (exit 1 when any is an error).") { paths };
        command.SetAction(parse => Run(context, PathsArgument.Values(parse, paths)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<string> paths)
    {
        var compilations = SpecCommandInput.Compile(context, paths, out var exitCode);
        if (compilations is null)
            return exitCode;

        // Diagnostics go to stdout: they are this command's output, and editors and CI parse them from there.
        foreach (var diagnostic in compilations.SelectMany(c => c.Diagnostics))
            context.Out.WriteLine(diagnostic.ToCanonicalString());

        var counts = DiagnosticCounts.Of(compilations);
        context.Out.WriteLine(counts.ToString());
        return counts.Errors > 0 ? ExitCodes.SpecErrors : ExitCodes.Success;
    }
}
