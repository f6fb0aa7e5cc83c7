using Nfnet.Dsl.Lowering;

namespace Nfnet.Generators.Models;

/// <summary>One variant to write as a C# file.</summary>
/// <param name="OriginPath">The spec (or attributed C# file) relative to the spec root, for the hint name and header.</param>
/// <param name="HintName">The file name to add it under; null for the emitter's own (spec stem + class name).</param>
/// <param name="IsInternal">True when the user's partial class is internal, so the generated part must say so too.</param>
internal sealed record VariantSource(ModelPlan Plan, string OriginPath, string? HintName, bool IsInternal);
