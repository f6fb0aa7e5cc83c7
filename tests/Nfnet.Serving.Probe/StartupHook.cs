using System;
using System.IO;
using Nfnet.Serving.Probe;

/// <summary>
/// .NET's startup hook (DOTNET_STARTUP_HOOKS=this assembly): when the process exits, writes its <see cref="LoadReport"/>
/// to the file named by NFNET_PROBE_REPORT. It lets a test look inside another program (the nfnet CLI) unchanged.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("NFNET_PROBE_REPORT");
        if (string.IsNullOrEmpty(path)) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllText(path, LoadReport.Text());
    }
}
