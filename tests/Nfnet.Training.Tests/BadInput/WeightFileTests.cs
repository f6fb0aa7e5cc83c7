using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Training.Models;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>
/// `nfnet evaluate` and `predict` with weights that do not fit the tiny spec's model, or a damaged file: exit 1 and a
/// message naming the problem and the tensor.
/// </summary>
public sealed class WeightFileTests : IDisposable
{
    private const string Weight = "stem.conv1.weight";
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, Tensor> _good;

    public WeightFileTests()
    {
        TinySpec.WriteTo(_dir.Path);
        using var model = new PlanModel(TinySpec.Plan());
        _good = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }

    public void Dispose()
    {
        foreach (var t in _good.Values) t.Dispose();
        _dir.Dispose();
    }

    private string Evaluate(string file, params string[] fragments) =>
        BadInputCli.Rejects(_dir.Path, ExitCodes.SpecErrors,
            new[] { "evaluate", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--weights", file, "--data", "synthetic", "--held-out-images", "2" },
            fragments);

    private string Write(string name, Dictionary<string, Tensor> tensors)
    {
        SafetensorsFile.Write(_dir.File(name), tensors);
        return name;
    }

    private Dictionary<string, Tensor> With(string name, Tensor replacement)
    {
        var tensors = new Dictionary<string, Tensor>(_good) { [name] = replacement };
        return tensors;
    }

    [Fact]
    public void The_unchanged_weights_evaluate_so_the_failures_below_are_the_changes()
    {
        Write("good.safetensors", _good);
        var (code, output, error) = BadInputCli.Run(_dir.Path, "evaluate", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--weights", "good.safetensors",
            "--data", "synthetic", "--held-out-images", "2");
        Assert.True(code == 0, error);
        Assert.Contains("on 2 images", output);
    }

    [Fact]
    public void A_renamed_tensor_is_reported_missing_and_unexpected()
    {
        var tensors = new Dictionary<string, Tensor>(_good);
        tensors.Remove(Weight);
        tensors["stem.conv1.weights"] = _good[Weight];
        Evaluate(Write("renamed.safetensors", tensors), "does not match the model (2 problems)", $"missing: {Weight} [", "unexpected: stem.conv1.weights [");
    }

    [Fact]
    public void A_wrongly_shaped_tensor_is_named_with_both_shapes()
    {
        using var wrong = zeros(1, 2, 3, 3);
        var shape = string.Join(", ", _good[Weight].shape);
        Evaluate(Write("shape.safetensors", With(Weight, wrong)), $"shape mismatch: {Weight} is [1, 2, 3, 3] in the file, the model needs [{shape}]");
    }

    [Theory]
    [InlineData(ScalarType.Int64, "I64")]
    [InlineData(ScalarType.Bool, "BOOL")]
    public void An_integer_or_boolean_tensor_where_floats_belong_is_refused(ScalarType dtype, string name)
    {
        using var wrong = zeros(_good[Weight].shape, dtype);
        Evaluate(Write($"{name}.safetensors", With(Weight, wrong)), $"dtype mismatch: {Weight} is {name} in the file, the model needs a floating-point tensor (F32)");
    }

    [Fact]
    public void A_truncated_weights_file_names_the_tensor_it_cuts()
    {
        var path = _dir.File(Write("full.safetensors", _good));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(_dir.File("cut.safetensors"), bytes[..(bytes.Length - 10)]);
        Evaluate("cut.safetensors", "cut.safetensors: file is truncated: tensor '", "' needs data bytes");
    }

    [Fact]
    public void Predict_refuses_mismatched_weights_the_same_way()
    {
        File.WriteAllText(_dir.File("image.png"), "");
        using var wrong = zeros(_good[Weight].shape, ScalarType.Int64);
        Write("I64.safetensors", With(Weight, wrong));
        BadInputCli.Rejects(_dir.Path, ExitCodes.SpecErrors,
            new[] { "predict", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--weights", "I64.safetensors", "image.png" },
            "nfnet predict: ", $"dtype mismatch: {Weight} is I64");
    }
}
