using System;
using System.Globalization;
using System.IO;

namespace Nfnet.Benchmarking;

/// <summary>
/// The process's peak resident set (VmHWM), reset between phases through /proc/self/clear_refs ("5" resets the
/// high-water mark to the current RSS, Linux 4.0+), so each phase's peak is its own and not the largest so far.
/// </summary>
public static class PeakMemory
{
    /// <summary>Starts a new high-water mark; false where /proc does not allow it (then peaks are cumulative).</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes since the last reset, or null off Linux.</summary>
    public static long? PeakBytes() => ReadStatusKb("VmHWM:") * 1024;

    /// <summary>Resident bytes now, or null off Linux.</summary>
    public static long? CurrentBytes() => ReadStatusKb("VmRSS:") * 1024;

    private static long? ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                var value = line[key.Length..].Trim();
                var end = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(end < 0 ? value : value[..end], CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }
}
