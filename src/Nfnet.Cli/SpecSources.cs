using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Nfnet.Cli;

/// <summary>Turns the paths on the command line into the spec files to compile.</summary>
public static class SpecSources
{
    public const string SpecPattern = "*.nfnet.yaml";

    /// <summary>Searched when no path is given, so `nfnet check` in the repository root checks the shipped specs.</summary>
    public const string DefaultFolder = "specs";

    /// <summary>
    /// Files are taken as given (whatever their extension: the user named them); folders are searched recursively for
    /// <see cref="SpecPattern"/>, in ordinal order so output is the same on every machine. A file reached twice is
    /// compiled once. Returns false, with a message naming the path, when a path does not exist or a folder holds no spec.
    /// </summary>
    public static bool TryExpand(IReadOnlyList<string> paths, string workingDirectory, out IReadOnlyList<SpecSource> sources, out string error)
    {
        var found = new List<SpecSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        sources = found;
        error = "";

        var requested = paths.Count > 0 ? paths : [DefaultFolder];
        foreach (var path in requested)
        {
            bool exists;
            IEnumerable<string> files;
            try
            {
                var full = Path.GetFullPath(path, workingDirectory);
                var isFile = File.Exists(full);
                exists = isFile || Directory.Exists(full);
                files = isFile ? [full] : exists ? FindSpecsInOrder(full, workingDirectory) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // An unreadable folder, a symbolic-link loop, a NUL in the path: say which path, never a stack trace.
                error = $"cannot read '{path}': {e.Message}";
                return false;
            }
            if (!exists)
            {
                error = paths.Count > 0
                    ? $"path '{path}' does not exist"
                    : $"no path given and there is no '{DefaultFolder}' folder in {workingDirectory}";
                return false;
            }

            if (!files.Any())
            {
                error = $"no {SpecPattern} files in '{path}'";
                return false;
            }
            foreach (var file in files)
                if (seen.Add(file))
                    found.Add(new SpecSource(file, DisplayPath(file, workingDirectory)));
        }
        return true;
    }

    public static string DisplayPath(string fullPath, string workingDirectory) =>
        Path.GetRelativePath(workingDirectory, fullPath).Replace('\\', '/');

    private static List<string> FindSpecsInOrder(string folder, string workingDirectory) =>
        FindSpecs(folder, new HashSet<string>(StringComparer.Ordinal))
            .Select(f => (Full: f, Display: DisplayPath(f, workingDirectory)))
            .OrderBy(f => f.Display, StringComparer.Ordinal)
            .Select(f => f.Full)
            .ToList();

    /// <summary>Each real folder is searched once, so a symbolic link back to a parent cannot make the search endless.</summary>
    private static IEnumerable<string> FindSpecs(string folder, HashSet<string> searched)
    {
        if (!searched.Add(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder)))
            yield break;
        foreach (var file in Directory.EnumerateFiles(folder, SpecPattern))
            yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder))
            if (!IsSkipped(Path.GetFileName(sub)))
                foreach (var file in FindSpecs(sub, searched))
                    yield return file;
    }

    /// <summary>
    /// Build outputs hold copies of the shipped specs (the test project copies specs/ next to its binaries), and hidden
    /// folders (.git, .vs) hold nothing a user wrote; searching them would report every spec twice.
    /// </summary>
    private static bool IsSkipped(string folderName) =>
        folderName.StartsWith('.') || folderName is "bin" or "obj";
}
