using System;
using System.Linq;

namespace Nfnet.PackageTests;

/// <summary>
/// The commands docs/generator.md and README.md give, exactly as written there (DocumentedCommandsTests checks that).
/// The tests run these very commands, with the placeholders replaced by their temporary folders and a few
/// test-only arguments appended (a unique version, an isolated build folder, one MSBuild node).
/// </summary>
internal static class DocumentedCommands
{
    /// <summary>Packs every package a consumer needs, and the tool, into artifacts/.</summary>
    public const string Pack = "dotnet pack NfnetDsl.sln -c Release -o artifacts";

    /// <summary>Installs the nfnet tool from those packages into tools/.</summary>
    public const string ToolInstall = "dotnet tool install nfnet --tool-path tools --add-source artifacts";

    /// <summary>Builds the CLI and everything it references into one folder.</summary>
    public const string BuildCliToFolder = "dotnet build src/Nfnet.Cli -o out/nfnet";

    /// <summary>Publishes the CLI into one folder.</summary>
    public const string PublishCliToFolder = "dotnet publish src/Nfnet.Cli -o out/nfnet-publish";

    /// <summary>
    /// The arguments after "dotnet", with each placeholder word replaced; a placeholder the command lacks is an error,
    /// so a command edited in the docs and here cannot silently stop using the test's folder.
    /// </summary>
    public static string[] Arguments(string command, params (string Placeholder, string Value)[] replacements)
    {
        var words = command.Split(' ');
        if (words[0] != "dotnet")
            throw new ArgumentException($"not a dotnet command: {command}", nameof(command));
        foreach (var (placeholder, _) in replacements)
        {
            if (words.Count(w => w == placeholder) != 1)
                throw new ArgumentException($"'{placeholder}' is not one word of: {command}", nameof(replacements));
        }
        return words.Skip(1).Select(w => replacements.FirstOrDefault(r => r.Placeholder == w).Value ?? w).ToArray();
    }
}
