using Microsoft.CodeAnalysis.Diagnostics;

namespace Nfnet.Generators;

/// <summary>Reads the folder spec paths are relative to from the build's options.</summary>
internal static class SpecRoot
{
    public const string Property = "build_property.NfnetSpecRoot";
    public const string ProjectDirProperty = "build_property.ProjectDir";

    /// <summary>NfnetSpecRoot (set by the package's props), else the project folder; "" when neither is known.</summary>
    public static string Read(AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken _)
    {
        var global = options.GlobalOptions;
        if (global.TryGetValue(Property, out var root) && !string.IsNullOrWhiteSpace(root))
            return root.Trim();
        if (global.TryGetValue(ProjectDirProperty, out var projectDir) && !string.IsNullOrWhiteSpace(projectDir))
            return projectDir.Trim();
        return "";
    }
}
