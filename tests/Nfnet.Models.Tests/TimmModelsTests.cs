using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Nfnet.Analysis.Inspect;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

/// <summary>
/// Every NF model timm registers is shipped under timm's name, and `nfnet inspect NAME --json` lists exactly timm's
/// state_dict: the same names in the same order, the same shapes and parameter count. The expectation is
/// tests/fixtures/timm/models.json, produced by building each model with timm 1.0.28 itself.
/// </summary>
public class TimmModelsTests
{
    private sealed record TimmModel(string Name, long Parameters, IReadOnlyList<(string Name, long[] Shape)> StateDict);

    private static readonly Lazy<IReadOnlyDictionary<string, TimmModel>> Models = new(() =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "timm-models.json")));
        return json.RootElement.GetProperty("models").EnumerateArray().Select(m => new TimmModel(
                m.GetProperty("name").GetString()!,
                m.GetProperty("num_params").GetInt64(),
                m.GetProperty("state_dict").EnumerateArray().Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray())).ToList()))
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
    });

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Models.Value.Keys)
            data.Add(name);
        return data;
    }

    [Fact]
    public void All_36_timm_models_are_in_the_zoo()
    {
        Assert.Equal(36, Models.Value.Count);
        Assert.Empty(Models.Value.Keys.Except(NfnetZoo.Variants.Select(v => v.Name)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Inspect_lists_timms_state_dict_and_parameter_count(string name)
    {
        var timm = Models.Value[name];

        // What `nfnet inspect` lists: the generated class's state_dict, built on the meta device.
        using var model = NfnetZoo.Create(name, device: META);
        var (tensors, parameters) = StateDictListing.Of(model);

        Assert.Equal(timm.Parameters, parameters);
        Assert.Equal(timm.Parameters, NfnetZoo.Variants.Single(v => v.Name == name).ParameterCount);
        // The layer table counts from the plan alone and must reach timm's number too.
        var plan = Nfnet.Training.Models.ModelSpecs.Find(Nfnet.Training.Models.ModelSpecs.BuiltIn(), name);
        Assert.Equal(timm.Parameters, LayerTable.Of(plan, plan.TestImageSize).TotalParameters);
        Assert.Equal(timm.StateDict.Select(t => t.Name), tensors.Select(t => t.Name));
        foreach (var (expected, actual) in timm.StateDict.Zip(tensors))
            Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{name} {expected.Name}: timm [{string.Join(", ", expected.Shape)}], ours [{string.Join(", ", actual.Shape)}]");
    }

    [Fact]
    public void Inspect_json_on_the_command_line_prints_the_same_document()
    {
        var result = CliRun.Run("inspect", "nf_regnet_b0", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var tensors = document.RootElement.GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(Models.Value["nf_regnet_b0"].StateDict.Select(t => t.Name), tensors);
        Assert.Equal(8_764_288, document.RootElement.GetProperty("parameters").GetInt64());
    }

    /// <summary>One small model of each family runs on the CPU with the stage shapes its plan gives.</summary>
    [Theory]
    [InlineData("test_nfnet", 64)]
    [InlineData("dm_nfnet_f0", 64)]
    [InlineData("eca_nfnet_l0", 65)]
    [InlineData("nf_regnet_b0", 64)]
    [InlineData("nf_resnet26", 63)]
    [InlineData("nf_seresnet26", 64)]
    public void Family_representatives_run_with_their_planned_shapes(string name, int imageSize)
    {
        manual_seed(3);
        using var model = NfnetZoo.Create(name, numClasses: 7);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(2, 3, imageSize, imageSize);
        var plan = Nfnet.Training.Models.ModelSpecs.Find(Nfnet.Training.Models.ModelSpecs.BuiltIn(), name);

        var planned = new[] { plan.StemOutput(imageSize) }.Concat(plan.StageOutputs(imageSize)).Select(f => new long[] { 2, f.Channels, f.Height, f.Width });
        var stages = GeneratedModel.ForwardStages(model, input);
        Assert.Equal(planned.ToList(), stages.Select(t => t.shape).ToList());
        var logits = model.call(input);
        Assert.Equal(new long[] { 2, 7 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }
}
