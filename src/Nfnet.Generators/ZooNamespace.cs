using Microsoft.CodeAnalysis.Diagnostics;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Validation;
using Nfnet.Generators.Models;

namespace Nfnet.Generators;

/// <summary>
/// Where NfnetZoo goes: the MSBuild property NfnetZooNamespace, which the package's targets default to the project's
/// RootNamespace. It depends on the project only, so adding a variant in some other namespace never moves the zoo.
/// </summary>
internal static class ZooNamespace
{
    public const string Property = "build_property.NfnetZooNamespace";

    /// <param name="Namespace">Null when the property is not a C# namespace; <paramref name="Problem"/> then says why.</param>
    public sealed record Choice(string? Namespace, DiagnosticInfo? Problem);

    public static Choice Read(AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken _)
    {
        if (!options.GlobalOptions.TryGetValue(Property, out var value) || string.IsNullOrWhiteSpace(value))
            return new Choice(ModelEmitter.DefaultZooNamespace, null);
        var ns = value.Trim();
        if (IdentifierRules.IsNamespace(ns))
            return new Choice(ns, null);
        return new Choice(null, DiagnosticInfo.Of(DiagnosticCatalog.InvalidNamespace,
            $"NfnetZoo cannot go in namespace '{ns}' (MSBuild property NfnetZooNamespace, by default the project's RootNamespace): "
            + "it is not a C# namespace; set <NfnetZooNamespace> to one, such as MyApp.Models",
            null));
    }
}
