using System.Linq;

namespace Nfnet.Dsl.Validation;

/// <summary>How a variant name becomes (the rest of) a C# class name.</summary>
public static class ClassNames
{
    /// <summary>
    /// Each '_'-separated part capitalized and joined, a trailing '+' written "Plus": F0 → F0, F0+ → F0Plus,
    /// dm_nfnet_f0 → DmNfnetF0, nf_resnet50 → NfResnet50.
    /// </summary>
    public static string FromVariantName(string name)
    {
        var plus = name.EndsWith("+", System.StringComparison.Ordinal);
        var core = plus ? name.Substring(0, name.Length - 1) : name;
        var joined = string.Concat(core.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        return (joined.Length > 0 ? joined : core) + (plus ? "Plus" : "");
    }
}
