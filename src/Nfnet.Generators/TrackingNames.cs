namespace Nfnet.Generators;

/// <summary>
/// The name of every pipeline step, so tests can check each one's run reasons. Tests find them by reflecting over
/// these constants: a new step is covered as soon as it is named here.
/// </summary>
public static class TrackingNames
{
    /// <summary>The folder spec paths are made relative to (build_property.NfnetSpecRoot, else ProjectDir).</summary>
    public const string SpecRoot = nameof(SpecRoot);

    /// <summary>Each *.nfnet.yaml additional file: its path and text.</summary>
    public const string SpecTexts = nameof(SpecTexts);

    /// <summary>Each spec with its path relative to <see cref="SpecRoot"/>.</summary>
    public const string SpecInputs = nameof(SpecInputs);

    /// <summary>Each spec compiled by Nfnet.Dsl: variants to emit and diagnostics.</summary>
    public const string CompiledSpecs = nameof(CompiledSpecs);

    /// <summary>One entry per variant of every spec.</summary>
    public const string SpecVariants = nameof(SpecVariants);

    /// <summary>Each spec's diagnostics, on their way to the diagnostics output.</summary>
    public const string SpecDiagnostics = nameof(SpecDiagnostics);

    /// <summary>Each [NfnetModel] class reduced to plain values.</summary>
    public const string AttributeSpecs = nameof(AttributeSpecs);

    /// <summary>Each [NfnetModel] class compiled by Nfnet.Dsl.</summary>
    public const string CompiledAttributeSpecs = nameof(CompiledAttributeSpecs);

    /// <summary>The variant of every [NfnetModel] class that compiled.</summary>
    public const string AttributeVariants = nameof(AttributeVariants);


    /// <summary>NfnetZoo's namespace (build_property.NfnetZooNamespace), or why it cannot be used.</summary>
    public const string ZooNamespace = nameof(ZooNamespace);

    /// <summary>Every variant of the compilation, for the NfnetZoo registry.</summary>
    public const string Zoo = nameof(Zoo);

    /// <summary>Stand-ins for the classes whose spec has errors.</summary>
    public const string Stubs = nameof(Stubs);

    /// <summary>Where every variant's name is written (YAML keys and [NfnetModel] class names).</summary>
    public const string VariantNames = nameof(VariantNames);

    /// <summary>NFN010 for a name two files define, located at the name.</summary>
    public const string ZooClashes = nameof(ZooClashes);
}
