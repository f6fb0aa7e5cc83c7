using System;

namespace Nfnet.Generators;

/// <summary>
/// The emitter declares every model public. A user's internal [NfnetModel] partial class must get an internal
/// generated part, or the two declarations conflict (CS0262); this rewrites that one declaration line.
/// </summary>
internal static class InternalAccessibility
{
    public static string Apply(string text, string className)
    {
        var publicDeclaration = $"\npublic sealed partial class {className} ";
        var first = text.IndexOf(publicDeclaration, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(publicDeclaration, first + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"the emitter's declaration of '{className}' was not found exactly once");
        return text.Substring(0, first) + $"\ninternal sealed partial class {className} " + text.Substring(first + publicDeclaration.Length);
    }
}
