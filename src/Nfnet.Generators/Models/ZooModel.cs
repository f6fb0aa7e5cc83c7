using Nfnet.Dsl.Common;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Generators.Models;

/// <summary>Every variant of the compilation for NfnetZoo, and the clashes that keep it from being written.</summary>
internal sealed record ZooModel(EquatableArray<ModelPlan> Plans, EquatableArray<DiagnosticInfo> Diagnostics);
