using System.IO;
using System.Runtime.CompilerServices;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>Paths in the source tree (not bin/): snapshots are approved and the committed Generated/ folder is read there.</summary>
internal static class RepoPaths
{
    public static string TestsFolder { get; } = ThisFolder();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestsFolder, "..", ".."));

    public static string ShippedSpec { get; } = Path.Combine(Root, "specs", "nfnet.nfnet.yaml");

    /// <summary>Where EmitCompilerGeneratedFiles puts Nfnet.Models' sources: Generated/{generator assembly}/{generator type}.</summary>
    public static string ModelsGenerated { get; } =
        Path.Combine(Root, "src", "Nfnet.Models", "Generated", "Nfnet.Generators", "Nfnet.Generators.NfnetGenerator");

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path)!)!;
}
