using System;
using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Generators;

/// <summary>
/// Makes a file's path relative to the spec root ('/'-separated), so hint names and generated headers are the same on
/// every machine. netstandard2.0 has no Path.GetRelativePath, and file I/O is off limits in a generator anyway.
/// </summary>
internal static class RelativePaths
{
    public static string Of(string path, string root)
    {
        var file = Split(path);
        if (file.Count == 0)
            return path;
        var rootParts = Split(root);
        // Without a root, or on another drive, the file name alone still gives a stable, readable name.
        if (rootParts.Count == 0 || !SameSegment(rootParts[0], file[0]) && IsDrive(file[0]))
            return file[file.Count - 1];
        var common = 0;
        while (common < rootParts.Count && common < file.Count - 1 && SameSegment(rootParts[common], file[common]))
            common++;
        var up = Enumerable.Repeat("..", rootParts.Count - common);
        return string.Join("/", up.Concat(file.Skip(common)));
    }

    /// <summary>
    /// The path with "." and ".." segments folded away: MSBuild passes "src/Models/../../specs/a.nfnet.yaml" as written
    /// in the project, and diagnostics should name the file the way a person would.
    /// </summary>
    public static string Normalize(string path)
    {
        var separator = path.IndexOf('\\') >= 0 && path.IndexOf('/') < 0 ? '\\' : '/';
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        var parts = Split(path);
        var text = string.Join(separator.ToString(), parts);
        return rooted ? separator + text : text;
    }

    /// <summary>The path's segments with "." dropped and each ".." cancelling the segment before it, where there is one.</summary>
    private static List<string> Split(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }
        return parts;
    }

    private static bool IsDrive(string segment) => segment.Length == 2 && segment[1] == ':';

    // Windows drive letters differ in case between tools; everything else compares exactly.
    private static bool SameSegment(string a, string b) =>
        IsDrive(a) ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : string.Equals(a, b, StringComparison.Ordinal);
}
