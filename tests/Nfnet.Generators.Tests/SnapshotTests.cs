using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>
/// The generated code as a reviewer reads it, pinned by approved files in Snapshots/. A change to the emitter or the
/// shipped spec shows up here as a diff to approve (see Infrastructure/Snapshot.cs).
/// </summary>
public sealed class SnapshotTests
{
    private static readonly GeneratorRun Shipped = GeneratorHarness.Run(
        GeneratorHarness.Compilation(),
        GeneratorHarness.ShippedSpecAt("/repo/specs/nfnet.nfnet.yaml"));

    [Theory]
    [InlineData("NfnetF0")]
    [InlineData("NfnetF0Plus")]
    [InlineData("NfnetF7Plus")]
    public void Shipped_variant_matches_its_approved_file(string className)
    {
        Assert.Empty(Shipped.Diagnostics);
        Snapshot.Match(Shipped.Source($"specs.nfnet.{className}.g.cs"), $"Yaml.{className}");
    }

    private static readonly GeneratorRun Timm = GeneratorHarness.Run(
        GeneratorHarness.CreateDriver(GeneratorHarness.AllShippedSpecs(), RepoPaths.Root), GeneratorHarness.Compilation());

    /// <summary>One variant of every family the shipped timm specs define.</summary>
    [Theory]
    [InlineData("timm-nfnet-f", "DmNfnetF0")]
    [InlineData("timm-nfnet-f", "TimmNfnetF0")]
    [InlineData("timm-nfnet-l", "EcaNfnetL0")]
    [InlineData("timm-nfnet-l", "TestNfnet")]
    [InlineData("timm-nf-regnet", "NfRegnetB0")]
    [InlineData("timm-nf-resnet", "NfResnet50")]
    [InlineData("timm-nf-resnet", "NfSeresnet26")]
    public void Timm_family_variant_matches_its_approved_file(string spec, string className) =>
        Snapshot.Match(Timm.Source($"specs.{spec}.{className}.g.cs"), $"Timm.{className}");

    [Fact]
    public void Zoo_of_the_shipped_spec_matches_its_approved_file() =>
        Snapshot.Match(Shipped.Source("NfnetZoo.g.cs"), "Yaml.NfnetZoo");

    [Fact]
    public void Attribute_class_matches_its_approved_file()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Models/SiluF0.cs", TestSpecs.AttributeOnF0)));

        Assert.Empty(run.Diagnostics);
        Snapshot.Match(run.Source("Demo.Models.SiluF0.g.cs"), "Attribute.SiluF0");
    }

    [Fact]
    public void Attribute_source_matches_its_approved_file()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation());

        Snapshot.Match(run.Source("Nfnet.NfnetModelAttribute.g.cs"), "Attribute.NfnetModelAttribute");
    }
}
