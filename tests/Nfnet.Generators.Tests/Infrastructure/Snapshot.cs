using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots (Verify is not available). Snapshots/NAME.approved.cs is the reviewed expectation, committed
/// next to the tests. On a mismatch the actual text goes to NAME.received.cs (git-ignored) and the test fails with a line
/// diff. Set NFNET_ACCEPT_SNAPSHOTS=1 to approve the received text instead; CI=true refuses that, so CI can never approve.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NFNET_ACCEPT_SNAPSHOTS";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var approvedPath = Path.Combine(folder, name + ".approved.cs");
        var receivedPath = Path.Combine(folder, name + ".received.cs");
        actual = Normalize(actual);
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new XunitException($"{AcceptVariable}=1 is refused when CI=true: snapshots are approved by a person, locally, and committed.");
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, actual, Utf8);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual, Utf8);
        var how = $"Review {Relative(receivedPath)}; if it is right, rerun with {AcceptVariable}=1 (or rename it to {Path.GetFileName(approvedPath)}).";
        throw new XunitException(approved is null
            ? $"New snapshot '{name}': no approved file yet. {how}"
            : $"Snapshot '{name}' differs from {Relative(approvedPath)}:\n{Diff(approved, actual)}\n{how}");
    }

    /// <summary>Line endings and a trailing newline are the platform's business, not the generator's.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    /// <summary>Changed lines with two lines of context, numbered by the received text; at most 80 lines.</summary>
    public static string Diff(string approved, string received)
    {
        var lines = InlineDiffBuilder.Diff(approved, received, ignoreWhiteSpace: false).Lines;
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Type != ChangeType.Unchanged)
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
                    show[j] = true;
        var builder = new StringBuilder();
        var written = 0;
        for (var i = 0; i < lines.Count && written < 80; i++)
        {
            if (!show[i])
                continue;
            if (i > 0 && !show[i - 1])
                builder.Append("  ...\n");
            var line = lines[i];
            var mark = line.Type switch { ChangeType.Inserted => "+", ChangeType.Deleted => "-", _ => " " };
            var number = line.Position is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5) : "     ";
            builder.Append(mark).Append(number).Append(" | ").Append(line.Text).Append('\n');
            written++;
        }
        if (lines.Count(l => l.Type != ChangeType.Unchanged) > 0 && written >= 80)
            builder.Append("  ... (diff truncated)\n");
        return builder.ToString();
    }

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
}
