using System;
using System.IO;
using System.Text;

namespace Nfnet.PackageTests;

/// <summary>Whether this host's libstdc++ lacks the version TorchSharp 0.107 asks for, i.e. whether a build must patch.</summary>
internal static class NativeHost
{
    public const string Glibcxx = "GLIBCXX_3.4.32";

    /// <summary>
    /// True on Linux when the libstdc++.so.6 the loader would pick (LD_LIBRARY_PATH, then the standard folders) does not
    /// define <see cref="Glibcxx"/>: Debian 12 and Ubuntu 22.04. The version names a library defines are NUL-terminated
    /// strings in it.
    /// </summary>
    public static bool NeedsPatchedTorchSharp()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        string[] folders =
        [
            .. (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries),
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        ];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(candidate))
                return File.ReadAllBytes(candidate).AsSpan().IndexOf(Encoding.ASCII.GetBytes(Glibcxx + "\0")) < 0;
        }
        return false;
    }

    /// <summary>The line the package's targets print when they patch the copy in <paramref name="folder"/>.</summary>
    public static string PatchedLine(string project, string folder) =>
        $"{project}: marked {Glibcxx} weak in {Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")}";
}
