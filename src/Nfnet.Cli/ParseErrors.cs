using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using Nfnet.Dsl;

namespace Nfnet.Cli;

/// <summary>
/// How a command line that does not parse is reported: one line per mistake on stderr, in the words the other checks
/// use, and no help screen (a wall of text that hides the one line that matters). Exit code 2 either way.
/// </summary>
public static partial class ParseErrors
{
    /// <summary>Writes the errors of <paramref name="parse"/>.</summary>
    public static void Report(CliContext context, RootCommand root, ParseResult parse, IReadOnlyList<string> args)
    {
        System.ArgumentNullException.ThrowIfNull(context);
        System.ArgumentNullException.ThrowIfNull(root);
        System.ArgumentNullException.ThrowIfNull(parse);
        System.ArgumentNullException.ThrowIfNull(args);
        var commands = root.Subcommands.Select(c => c.Name).ToList();
        // A first word that is no command: System.CommandLine would add "Required command was not provided." and the help.
        if (!args[0].StartsWith('-') && !commands.Contains(args[0]))
        {
            var suggestion = Suggestions.Closest(args[0], commands);
            context.Error.WriteLine(suggestion is null
                ? $"nfnet: unknown command '{args[0]}'; the commands are {string.Join(", ", commands)}"
                : $"nfnet: unknown command '{args[0]}'; did you mean '{suggestion}'?");
            return;
        }
        var prefix = parse.CommandResult.Command is RootCommand ? "nfnet" : $"nfnet {parse.CommandResult.Command.Name}";
        foreach (var message in parse.Errors.Select(e => Reword(e.Message)).Distinct())
            context.Error.WriteLine($"{prefix}: {message}");
    }

    /// <summary>System.CommandLine's type-conversion message, in the form of the range checks ("--epochs must be ..., got 0").</summary>
    private static string Reword(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success) return message;
        var (value, option, type) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        string? expected = type switch
        {
            _ when type.EndsWith("Int32", System.StringComparison.Ordinal) || type.EndsWith("Int32]", System.StringComparison.Ordinal) =>
                Whole(value, int.MinValue, int.MaxValue),
            _ when type.EndsWith("Int64", System.StringComparison.Ordinal) || type.EndsWith("Int64]", System.StringComparison.Ordinal) =>
                Whole(value, long.MinValue, long.MaxValue),
            _ when type.Contains("Double", System.StringComparison.Ordinal) => "a number",
            _ => null,
        };
        return expected is null ? message : $"{option} must be {expected}, got '{value}'";
    }

    // A whole number too large for the type gets the range; anything else just needs to be a whole number.
    private static string Whole(string value, long min, long max) =>
        BigInteger.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}")
            : "a whole number";

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.$")]
    private static partial Regex CannotParse();
}
