using Nfnet.Dsl.Common;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Generators.Models;

/// <summary>Every variant of the compilation for NfnetZoo, its namespace, and the problems that keep it from being written.</summary>
/// <param name="Namespace">Empty when NfnetZooNamespace is not a C# namespace (then <paramref name="Diagnostics"/> says so).</param>
internal sealed record ZooModel(EquatableArray<ModelPlan> Plans, string Namespace, EquatableArray<DiagnosticInfo> Diagnostics);
