using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Nfnet.Analysis.Inspect;

/// <summary>One state_dict entry.</summary>
public sealed record TensorEntry(string Name, long[] Shape);

/// <summary>A built module's state_dict: the names and shapes a checkpoint must have.</summary>
public static class StateDictListing
{
    /// <summary>
    /// The entries of <paramref name="model"/> in registration order and their element count. Build the module on the
    /// meta device to list a large variant without allocating its weights.
    /// </summary>
    public static (IReadOnlyList<TensorEntry> Tensors, long Elements) Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new List<TensorEntry>();
        long elements = 0;
        foreach (var (key, tensor) in model.state_dict())
        {
            tensors.Add(new TensorEntry(key, tensor.shape));
            elements += tensor.numel();
        }
        return (tensors, elements);
    }
}
