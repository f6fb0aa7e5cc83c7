using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Training.Weights;

/// <summary>What starting from pretrained weights did: the tensors copied, and the classifier tensors left at their fresh initialization.</summary>
/// <param name="LoadedParameters">Elements copied from the file.</param>
public sealed record InitReport(IReadOnlyList<string> Loaded, long LoadedParameters, IReadOnlyList<string> Reinitialized);

/// <summary>
/// Fine-tuning: load pretrained weights into a model whose classifier may have another number of classes, and freeze
/// named parts. Every name is timm's state_dict name, so timm's checkpoints and this project's weights work alike.
/// </summary>
public static class FineTuning
{
    /// <summary>The classifier every generated model has (timm's pretrained cfg 'classifier').</summary>
    public const string ClassifierPrefix = "head.fc.";

    /// <summary>
    /// Copies every tensor of <paramref name="tensors"/> into <paramref name="model"/>. The classifier's tensors are
    /// kept at their fresh initialization when the file lacks them or their shape differs (another class count); any
    /// other difference (a missing, unexpected, mis-shaped or non-float tensor) is refused with the whole list and nothing
    /// is copied.
    /// </summary>
    public static InitReport LoadPretrained(nn.Module model, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var target = model.state_dict();
        var reinitialized = target
            .Where(t => t.Key.StartsWith(ClassifierPrefix, StringComparison.Ordinal)
                        && (!tensors.TryGetValue(t.Key, out var file) || !file.shape.SequenceEqual(t.Value.shape)))
            .Select(t => t.Key)
            .ToHashSet(StringComparer.Ordinal);
        var compared = target.Where(t => !reinitialized.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var offered = tensors.Where(t => !reinitialized.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var problems = ModelWeights.Compare(compared, offered);
        if (problems.Count > 0) throw new WeightMismatchException(source, problems);

        long elements = 0;
        using (no_grad())
        {
            foreach (var (name, destination) in compared)
            {
                destination.copy_(offered[name]);
                elements += destination.numel();
            }
        }
        var describe = (string name) => $"{name} [{string.Join(", ", target[name].shape)}]";
        return new InitReport(compared.Keys.ToList(), elements, reinitialized.OrderBy(n => n, StringComparer.Ordinal).Select(describe).ToList());
    }

    /// <summary>
    /// Stops training the parameters under each of <paramref name="prefixes"/> (a module path such as "stem" or
    /// "stages.0", or a whole parameter name); returns how many elements were frozen. An unknown prefix is an error that
    /// lists the model's top-level parts.
    /// </summary>
    public static long Freeze(nn.Module model, IReadOnlyList<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prefixes);
        var parameters = model.named_parameters().ToList();
        static bool Under(string name, string prefix) => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);
        var unknown = prefixes.Where(p => !parameters.Any(q => Under(q.name, p))).ToList();
        if (unknown.Count > 0)
        {
            var parts = parameters.Select(p => TopLevel(p.name)).Distinct(StringComparer.Ordinal);
            throw new ArgumentException($"--freeze: no parameters under {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the model's parts are {string.Join(", ", parts)}");
        }
        long frozen = 0;
        foreach (var (name, parameter) in parameters)
        {
            if (!prefixes.Any(p => Under(name, p))) continue;
            parameter.requires_grad = false;
            frozen += parameter.numel();
        }
        return frozen;
    }

    /// <summary>"stem", "stages.2", "final_conv", "head": the parts a freeze usually names.</summary>
    private static string TopLevel(string name)
    {
        var parts = name.Split('.');
        return parts[0] == "stages" && parts.Length > 1 ? $"stages.{parts[1]}" : parts[0];
    }
}
