using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Nfnet.Analysis.Summary;

namespace Nfnet.Cli.Commands;

/// <summary>`nfnet summary [paths...] [--json]`: size, cost and training settings of every variant.</summary>
public static class SummaryCommand
{
    public static Command Create(CliContext context)
    {
        var paths = PathsArgument.Create();
        var json = new Option<bool>("--json") { Description = "Write a JSON document instead of a table." };
        var command = new Command("summary", "Tabulate parameters, MACs at the test size, image sizes and dropout of every variant.")
        {
            paths,
            json,
        };
        command.SetAction(parse => Run(context, PathsArgument.Values(parse, paths), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<string> paths, bool json)
    {
        var compilations = SpecCommandInput.Compile(context, paths, out var exitCode);
        if (compilations is null)
            return exitCode;

        // Diagnostics go to stderr so stdout stays a clean table or JSON document; warnings do not stop the summary.
        foreach (var diagnostic in compilations.SelectMany(c => c.Diagnostics))
            context.Error.WriteLine(diagnostic.ToCanonicalString());
        if (compilations.Any(c => c.HasErrors))
        {
            context.Error.WriteLine($"nfnet: {DiagnosticCounts.Of(compilations)}; no summary written");
            return ExitCodes.SpecErrors;
        }

        var variants = compilations.SelectMany(c => c.Plans).Select(VariantSummary.From).ToList();
        if (json)
            SummaryJson.Write(context.Out, new SummaryDocument(variants));
        else
            SummaryTable.Write(context.Out, variants);
        return ExitCodes.Success;
    }
}
