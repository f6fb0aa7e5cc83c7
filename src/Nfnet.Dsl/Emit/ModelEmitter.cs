using System.Collections.Generic;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Dsl.Emit;

/// <summary>
/// Emits readable TorchSharp code from plans. The generator and `nfnet emit` both call this, so they write the same bytes.
/// Output is a pure function of its arguments: invariant culture, '\n' line endings, stable order.
/// </summary>
public static class ModelEmitter
{
    /// <summary>One file per variant: a sealed partial class composing Nfnet.Runtime blocks.</summary>
    /// <param name="specRelativePath">The spec's path relative to the project (or just its file name), '/' separated; used for the hint name and the header comment.</param>
    /// <param name="isPublic">False for a user's internal [NfnetModel] class, whose generated part must match its accessibility.</param>
    public static GeneratedFile EmitModel(ModelPlan plan, string specRelativePath, bool isPublic = true) => ModelWriter.Write(plan, specRelativePath, isPublic);

    /// <summary>NfnetZoo's namespace when the project names none (no NfnetZooNamespace or RootNamespace, no --zoo-namespace).</summary>
    public const string DefaultZooNamespace = "Nfnet.Generated";

    /// <summary>The marked stand-in for a class its spec's errors kept from being generated; see <see cref="ModelStubs"/>.</summary>
    /// <param name="completesUserClass">True for an [NfnetModel] class, whose own part states its accessibility.</param>
    public static GeneratedFile EmitStub(ModelStub stub, string specRelativePath, string hintName, bool completesUserClass = false) =>
        StubWriter.Write(stub, specRelativePath, hintName, completesUserClass);

    /// <summary>The hint name of a stub: the model's own, marked, so a build log tells them apart.</summary>
    public static string StubHintName(string specRelativePath, string className) => HintNames.ForVariant(specRelativePath, className).Replace(".g.cs", ".stub.g.cs");

    /// <summary>The registry of all variants of a compilation: NfnetZoo.Create(name, ...) and NfnetZoo.Variants.</summary>
    /// <param name="zooNamespace">A valid C# namespace (see <see cref="Validation.IdentifierRules.IsNamespace"/>); variants elsewhere are named with global::.</param>
    public static GeneratedFile EmitZoo(IReadOnlyList<ModelPlan> plans, string zooNamespace = DefaultZooNamespace) => ZooWriter.Write(plans, zooNamespace);
}
