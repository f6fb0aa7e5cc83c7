using Nfnet.Dsl.Common;

namespace Nfnet.Generators.Models;

/// <summary>What one spec (a YAML file or an attributed class) gives: variants to emit and diagnostics to report.</summary>
/// <param name="Stubs">Stand-ins for the classes the spec's errors kept from being generated.</param>
internal sealed record CompiledSpec(EquatableArray<VariantSource> Variants, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<StubSource> Stubs = default)
{
    public static CompiledSpec Failed(DiagnosticInfo diagnostic) => new(EquatableArray<VariantSource>.Empty, new EquatableArray<DiagnosticInfo>([diagnostic]));
}
