using Nfnet.Dsl.Common;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Generators.Models;

/// <summary>Every variant of the compilation for NfnetZoo, its namespace, and the problems that keep it from being written.</summary>
/// <param name="Namespace">Empty when NfnetZooNamespace is not a C# namespace (then <paramref name="Diagnostics"/> says so).</param>
/// <param name="Clashes">Variant names defined more than once; reported where the names are (see ZooPlans.Report).</param>
internal sealed record ZooModel(EquatableArray<ModelPlan> Plans, string Namespace, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<ZooClash> Clashes);

/// <summary>
/// A variant whose name another file already uses. No location here: name spans move with every edit above them,
/// and the zoo's source must not be rewritten for that; they are joined in only for the diagnostic.
/// </summary>
/// <param name="Places">Every file defining the name, for the message.</param>
/// <param name="ClassName">For two variant names that generate one class: that class (namespace-qualified); null for a repeated variant name.</param>
internal sealed record ZooClash(string Name, string SourcePath, string Places, string? ClassName = null);
