using System.Linq;
using Nfnet.Dsl.Spec;
using Nfnet.Training.Models;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>Every activation of the architecture language, in the network and inside squeeze-excite, γ in the activations and in the convs.</summary>
public class ActivationExportTests
{
    public static TheoryData<string, string> Activations()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ActivationGammas.Names)
        {
            data.Add(name, "activation");
            data.Add(name, "conv");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_activation_matches_the_TorchSharp_forward(string activation, string gammaPlacement)
    {
        var yaml = $$"""
            variants:
              act: { width: [16, 32], depth: [1, 1], groupWidth: 8, stem: [8], activation: {{activation}}, seActivation: {{activation}}, gammaPlacement: {{gammaPlacement}}, trainImageSize: 24, numClasses: 5 }
            """;
        var plan = Reference.Compile(yaml).Single();
        using var model = new PlanModel(plan);
        RandomWeights.Randomize(model, seed: 3);
        using var dir = new TempDirectory();
        Reference.AssertMatches($"{activation} ({gammaPlacement})", Reference.Compare(model, plan, 24, dir.Path));
    }
}
