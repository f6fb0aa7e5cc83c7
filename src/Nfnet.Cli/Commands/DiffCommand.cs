using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Nfnet.Analysis.Diff;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet diff OLD NEW [--markdown]`: what a spec change does to its variants (added, removed, changed, with parameter
/// and MAC deltas and the changed values), for a review next to the generated-code diff. OLD and NEW are spec files or
/// folders, e.g. `git show main:specs/nfnet.nfnet.yaml > old.nfnet.yaml`.
/// </summary>
public static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldPath = new Argument<string>("old") { Description = $"The spec file or folder before the change (folders are searched for {SpecSources.SpecPattern})." };
        var newPath = new Argument<string>("new") { Description = "The spec file or folder after the change." };
        var markdown = new Option<bool>("--markdown") { Description = "Write a Markdown table (for a pull-request comment) instead of text." };
        var command = new Command("diff", "Compare two versions of a spec: variants added, removed and changed, with parameter and MAC deltas.")
        {
            oldPath, newPath, markdown,
        };
        command.SetAction(parse => Run(context, parse.GetValue(oldPath)!, parse.GetValue(newPath)!, parse.GetValue(markdown)));
        return command;
    }

    private static int Run(CliContext context, string oldPath, string newPath, bool markdown)
    {
        var sides = new List<IReadOnlyList<ModelPlan>>();
        foreach (var path in new[] { oldPath, newPath })
        {
            var compilations = SpecCommandInput.Compile(context, [path], out var exitCode);
            if (compilations is null)
                return exitCode;
            foreach (var diagnostic in compilations.SelectMany(c => c.Diagnostics))
                context.Error.WriteLine(diagnostic.ToCanonicalString());
            if (compilations.Any(c => c.HasErrors))
            {
                context.Error.WriteLine($"nfnet diff: '{path}' has errors ({DiagnosticCounts.Of(compilations)}); nothing compared");
                return ExitCodes.SpecErrors;
            }
            sides.Add(compilations.SelectMany(c => c.Plans).ToList());
        }

        SpecDiffResult diff;
        try
        {
            diff = SpecDiff.Compare(sides[0], sides[1]);
        }
        catch (DuplicateVariantException e)
        {
            context.Error.WriteLine($"nfnet diff: {(e.InOld ? oldPath : newPath)}: {e.Message}");
            return ExitCodes.SpecErrors;
        }
        if (markdown)
            DiffMarkdown.Write(context.Out, diff, oldPath, newPath);
        else
            DiffText.Write(context.Out, diff, oldPath, newPath);
        return ExitCodes.Success;
    }
}
