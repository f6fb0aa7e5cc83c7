using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using Nfnet.Cli.Commands;

namespace Nfnet.Cli;

public static class Program
{
    /// <summary>Every subcommand; adding one is one line here plus its file under Commands/.</summary>
    private static readonly IReadOnlyList<Func<CliContext, Command>> CommandFactories =
    [
        CheckCommand.Create,
        SummaryCommand.Create,
        InspectCommand.Create,
        DiffCommand.Create,
        SppCommand.Create,
        EmitCommand.Create,
        TrainCommand.Create,
        EvaluateCommand.Create,
        PredictCommand.Create,
        ExportCommand.Create,
        BenchCommand.Create,
    ];

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, new CliContext(stdout, stderr, Environment.CurrentDirectory));

    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("nfnet: check, summarize, diff and emit NFNet specs (*.nfnet.yaml); inspect, train, evaluate and predict with the generated models.");
        foreach (var create in CommandFactories)
            root.Subcommands.Add(create(context));

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        // A malformed command line is a usage error (System.CommandLine would exit 1, which reads as "the spec has
        // errors"), reported in one line per mistake; `nfnet` alone still shows the help.
        if (parse.Errors.Count > 0 && args.Length > 0)
        {
            ParseErrors.Report(context, root, parse, args);
            return ExitCodes.Usage;
        }
        var exitCode = parse.Invoke(configuration);
        return parse.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
