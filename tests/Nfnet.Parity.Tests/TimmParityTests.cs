using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Parity.Tests;

/// <summary>
/// Every timm fixture, built from its spec (tests/fixtures/timm/fixtures.nfnet.yaml) both as the generated class and as a
/// run-time PlanModel, loads timm's weights strictly and reproduces timm's logits within 1e-4 and every intermediate
/// output within 1e-4 of that output's scale.
/// </summary>
public class TimmParityTests
{
    /// <summary>The fixture case → its variant in fixtures.nfnet.yaml (the 63/64/65 cases share one model).</summary>
    private static readonly Dictionary<string, string> Variants = new()
    {
        ["test_nfnet_64"] = "test_nfnet_64",
        ["dm_nfnet_f0_small_64"] = "dm_nfnet_f0_small",
        ["dm_nfnet_f0_small_63"] = "dm_nfnet_f0_small",
        ["dm_nfnet_f0_small_65"] = "dm_nfnet_f0_small",
        ["nfnet_f0_small_64"] = "nfnet_f0_small",
        ["nfnet_l0_small_64"] = "nfnet_l0_small",
        ["eca_nfnet_l0_small_64"] = "eca_nfnet_l0_small",
        ["nf_resnet50_small_64"] = "nf_resnet50_small",
        ["nf_seresnet26_small_64"] = "nf_seresnet26_small",
        ["nf_ecaresnet26_small_64"] = "nf_ecaresnet26_small",
        ["nf_regnet_b0_small_64"] = "nf_regnet_b0_small",
        ["dm_nfnet_f0_small_64_c10_drop"] = "dm_nfnet_f0_small_c10_drop",
    };

    public const double LogitTolerance = 1e-4;
    public const double TapTolerance = 1e-4;

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in FixtureCase.All())
        {
            data.Add(name, true);
            data.Add(name, false);
        }
        return data;
    }

    [Fact]
    public void EveryFixtureHasAVariant()
    {
        Assert.Equal(FixtureCase.All().OrderBy(n => n), Variants.Keys.OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadsTimmsWeightsAndReproducesItsOutputs(string caseName, bool generated)
    {
        using var scope = NewDisposeScope();
        var fixture = FixtureCase.Load(caseName);
        using var model = Build(Variants[caseName], generated);
        model.eval();

        ModelWeights.LoadStrict(model, fixture.WeightsPath);
        Assert.Equal(fixture.Parameters, model.parameters().Sum(p => p.numel()));

        using var noGrad = no_grad();
        var input = fixture.Input();
        var logits = model.call(input);
        var logitDiff = logits.sub(fixture.Logits()).abs().max().item<float>();
        Assert.True(logitDiff <= LogitTolerance, $"{caseName}: logits differ from timm's by {logitDiff:G3} (tolerance {LogitTolerance})");

        var taps = TapRunner.Run(model, input);
        var failures = new List<string>();
        foreach (var (name, expected, maxAbs) in fixture.Taps())
        {
            if (!taps.TryGetValue(name, out var actual))
            {
                failures.Add($"{name}: not computed");
                continue;
            }
            var diff = actual.sub(expected).abs().max().item<float>();
            if (!actual.shape.SequenceEqual(expected.shape) || diff > TapTolerance * maxAbs)
                failures.Add($"{name}: [{string.Join(", ", actual.shape)}] differs by {diff:G3} (tolerance {TapTolerance * maxAbs:G3})");
        }
        Assert.True(failures.Count == 0, $"{caseName}: " + string.Join("; ", failures));
        // Module by module is the same computation as the model's forward (which folds the stem's γ at inference).
        Assert.True(logits.sub(taps["logits"]).abs().max().item<float>() <= 1e-5f, "the tap run and the forward disagree");
    }

    private static nn.Module<Tensor, Tensor> Build(string variant, bool generated)
    {
        if (generated)
            return Fixtures.NfnetZoo.Create(variant);
        var compilation = SpecCompiler.Compile(FixtureSpec.Path, FixtureSpec.Text);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return new PlanModel(compilation.Plans.Single(p => p.Name == variant));
    }
}

internal static class FixtureSpec
{
    public static string Path { get; } = System.IO.Path.Combine(FixtureCase.Root, "fixtures.nfnet.yaml");

    public static string Text { get; } = System.IO.File.ReadAllText(Path);
}
