using System;
using System.IO;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// A fact that needs `chmod 000` to make a folder unreadable. Skipped, saying why, where it does not: as root (or with
/// CAP_DAC_OVERRIDE) permissions never block a read, and Windows has no Unix modes. Probed once, on a real folder.
/// </summary>
public sealed class PermissionsBlockReadsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public PermissionsBlockReadsFactAttribute()
    {
        if (Reason.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        if (OperatingSystem.IsWindows())
            return "Unix file modes are not available on Windows";
        var folder = Path.Combine(Path.GetTempPath(), "nfnet-permission-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.None);
            Directory.GetFiles(folder);
            return "chmod 000 does not block reads here (running as root or with CAP_DAC_OVERRIDE), so an unreadable folder cannot be made";
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder);
        }
    }
}
