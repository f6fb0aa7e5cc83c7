using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>
/// Loads and exports a model's weights as safetensors under its state_dict names, which are timm's names for the
/// NFNet models (so timm's dm_nfnet_f0 model.safetensors loads into the F0 model unchanged).
/// </summary>
public static class ModelWeights
{
    /// <summary>Writes every state_dict tensor of <paramref name="model"/> as <paramref name="dtype"/> (F32 by default), atomically.</summary>
    public static void Export(nn.Module model, string path, ScalarType dtype = ScalarType.Float32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var tensors = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().to(dtype));
        SafetensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Reads <paramref name="path"/> (safetensors or a PyTorch state_dict) and copies it into <paramref name="model"/>;
    /// see <see cref="LoadStrict(nn.Module, IReadOnlyDictionary{string, Tensor}, string)"/>.
    /// </summary>
    public static void LoadStrict(nn.Module model, string path)
    {
        using var content = WeightFiles.Read(path);
        LoadStrict(model, content.Tensors, path);
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into the model's state_dict, converting dtype (F16/BF16/F64 files load into
    /// F32 models). Names and shapes must match exactly and float parameters need float tensors; otherwise nothing
    /// is copied and a <see cref="WeightMismatchException"/> lists every missing, unexpected, mis-shaped and mistyped tensor.
    /// </summary>
    public static void LoadStrict(nn.Module model, IReadOnlyDictionary<string, Tensor> tensors, string source = "weights")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var target = model.state_dict();
        var problems = Compare(target, tensors);
        if (problems.Count > 0) throw new WeightMismatchException(source, problems);
        using (no_grad())
        {
            foreach (var (name, destination) in target)
                destination.copy_(tensors[name]);
        }
    }

    /// <summary>Every difference in names and shapes between a model's state_dict and a set of tensors, sorted by name.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var problems = new List<(string Name, string Text)>();
        foreach (var (name, tensor) in expected)
        {
            if (!actual.TryGetValue(name, out var other))
                problems.Add((name, $"missing: {name} {Shape(tensor)}"));
            else if (!tensor.shape.SequenceEqual(other.shape))
                problems.Add((name, $"shape mismatch: {name} is {Shape(other)} in the file, the model needs {Shape(tensor)}"));
            // copy_ would silently turn integers or booleans into floats; only a float-to-float change is a conversion.
            else if (tensor.is_floating_point() && !other.is_floating_point())
                problems.Add((name, $"dtype mismatch: {name} is {DType(other)} in the file, the model needs a floating-point tensor ({DType(tensor)})"));
        }
        foreach (var (name, tensor) in actual)
        {
            if (!expected.ContainsKey(name)) problems.Add((name, $"unexpected: {name} {Shape(tensor)}"));
        }
        return problems.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Text).ToList();
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

    private static string DType(Tensor t) => SafetensorsDType.TryName(t.dtype) ?? t.dtype.ToString();
}

/// <summary>Weights do not fit a model; <see cref="Problems"/> has one line per mismatched tensor.</summary>
public sealed class WeightMismatchException(string source, IReadOnlyList<string> problems)
    : Exception($"{source} does not match the model ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", problems))
{
    /// <summary>Every mismatch, one per line.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
