using System.Collections.Generic;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;

namespace Nfnet.Training.Weights;

/// <summary>
/// The variant to build for a weights file and where its plan comes from: a spec file, a spec text recorded in the
/// weights, or (both null) the built-in specs. See <see cref="TrainedWeights.Choose"/>.
/// </summary>
/// <param name="SpecFile">A spec file to read.</param>
/// <param name="SpecText">A spec's text recorded in the weights.</param>
/// <param name="SpecName">How diagnostics name <paramref name="SpecText"/>: the path it had when training.</param>
public sealed record ModelChoice(string Variant, string? SpecFile, string? SpecText, string? SpecName = null)
{
    /// <summary>Whether the variant is one of the built-in specs (and so a generated class).</summary>
    public bool IsBuiltIn => SpecFile is null && SpecText is null;

    /// <summary>Where the plan comes from, for messages: "tiny.nfnet.yaml (recorded in the weights)", "built-in".</summary>
    public string Origin => SpecFile ?? (SpecText is not null ? $"{SpecName ?? "the spec"} (recorded in the weights)" : TrainedWeights.BuiltInSpec);

    /// <summary>Every variant of the chosen spec; throws <see cref="SpecException"/> when it has errors.</summary>
    public IReadOnlyList<ModelPlan> Plans() =>
        SpecFile is not null ? ModelSpecs.FromFile(SpecFile)
        : SpecText is not null ? ModelSpecs.Compile(string.IsNullOrEmpty(SpecName) ? "recorded.nfnet.yaml" : SpecName, SpecText)
        : ModelSpecs.BuiltIn();
}
