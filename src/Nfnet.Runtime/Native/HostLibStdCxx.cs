using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Nfnet.Runtime.Native;

/// <summary>Which libstdc++ the dynamic loader would pick on this Linux host, and which versions it defines.</summary>
public static class HostLibStdCxx
{
    private static readonly string[] StandardDirectories =
    {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    };

    /// <summary>
    /// The first libstdc++.so.6 in LD_LIBRARY_PATH and then the standard library directories (the loader's
    /// order for a library without RUNPATH), or null when there is none or this is not Linux.
    /// </summary>
    public static string? Locate()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var directories = new List<string>();
        string? ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ldPath)) directories.AddRange(ldPath.Split(':', StringSplitOptions.RemoveEmptyEntries));
        directories.AddRange(StandardDirectories);
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, "libstdc++.so.6");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Whether the host libstdc++ defines <paramref name="version"/> (e.g. "GLIBCXX_3.4.32"). The name, NUL
    /// terminated, appears in the library's string table exactly when it defines that version.
    /// </summary>
    public static bool Provides(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        string? path = Locate();
        if (path is null) return false;
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }
}
