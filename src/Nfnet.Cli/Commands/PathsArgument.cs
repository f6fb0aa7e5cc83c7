using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace Nfnet.Cli.Commands;

/// <summary>The `[paths...]` argument every spec-reading command takes.</summary>
public static class PathsArgument
{
    public static Argument<string[]> Create()
    {
        var argument = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = $"Spec files, or folders searched recursively for {SpecSources.SpecPattern} (default: {SpecSources.DefaultFolder}/).",
        };
        // A string[] argument swallows any token, so "--jsn" would otherwise become a path that "does not exist";
        // name it for what it is. A real file starting with '-' can still be passed as ./-name.
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value.Length > 1))
                result.AddError($"Unrecognized option '{token.Value}'.");
        });
        return argument;
    }

    public static IReadOnlyList<string> Values(ParseResult parse, Argument<string[]> argument) =>
        parse.GetValue(argument) ?? Array.Empty<string>();
}
