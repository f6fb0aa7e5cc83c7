using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Nfnet.Serving.Probe;

/// <summary>What this process has loaded: "assembly: NAME" per managed assembly, "native: PATH" per mapped torch library.</summary>
public static class LoadReport
{
    public static string Text()
    {
        var text = new StringBuilder();
        foreach (var name in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal))
            text.Append("assembly: ").Append(name).Append('\n');
        foreach (var path in File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6)
                     .Select(f => f[5]).Where(p => p.Contains("torch", StringComparison.OrdinalIgnoreCase)).Distinct())
            text.Append("native: ").Append(path).Append('\n');
        return text.ToString();
    }
}
