using System.Linq;
using System.Text;

namespace Nfnet.Dsl.Emit;

/// <summary>
/// Hint names from a spec's relative path and the variant's class: "specs/nfnet.nfnet.yaml" + NfnetF0 gives
/// "specs.nfnet.NfnetF0.g.cs". Separators become dots and anything outside [A-Za-z0-9_.-] becomes '_', so the name is
/// a valid, unique, platform-independent file name. A spec outside the root keeps each step up as "_up"
/// ("../shared/x.nfnet.yaml" gives "_up.shared.x"), so it neither loses where it came from nor collides with "shared/x".
/// </summary>
public static class HintNames
{
    public const string SpecExtension = ".nfnet.yaml";

    /// <summary>What a ".." step of the path becomes.</summary>
    public const string ParentStep = "_up";

    public static string ForVariant(string specRelativePath, string className) => $"{SpecStem(specRelativePath)}.{className}.g.cs";

    /// <summary>The relative path without the extension, separators as dots: "specs/nfnet.nfnet.yaml" → "specs.nfnet".</summary>
    public static string SpecStem(string specRelativePath)
    {
        var path = specRelativePath.Replace('\\', '/').TrimStart('/');
        while (path.StartsWith("./", System.StringComparison.Ordinal))
            path = path.Substring(2);
        if (path.EndsWith(SpecExtension, System.StringComparison.OrdinalIgnoreCase))
            path = path.Substring(0, path.Length - SpecExtension.Length);
        var parts = path.Split('/').Where(p => p.Length > 0 && p != ".").Select(p => p == ".." ? ParentStep : p);
        var builder = new StringBuilder();
        foreach (var c in string.Join(".", parts))
            builder.Append(char.IsLetterOrDigit(c) && c < 128 || c is '_' or '.' or '-' ? c : '_');
        return builder.Length == 0 ? "spec" : builder.ToString();
    }
}
