using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Analysis.Inspect;

/// <summary>
/// `nfnet inspect --json`: {"variant":"F0","className":"NfnetF0","source":...,"parameters":71489284,"imageSize":256,"macs":...,
/// "layers":[{"module":"stem","kind":...,"depth":1,"outputShape":[128,64,64],"parameters":...,"macs":...}, ...],
/// "tensors":[{"name":"stem.conv1.weight","shape":[16,3,3,3]}, ...]}.
/// </summary>
/// <param name="Parameters">Elements over all state_dict tensors of the built module; NFNets have no buffers, so this is the parameter count.</param>
/// <param name="Macs">The layer table's total at <paramref name="ImageSize"/>.</param>
/// <param name="Layers">Every row of the layer table at every depth.</param>
public sealed record InspectDocument(
    string Variant,
    string ClassName,
    string Source,
    long Parameters,
    int ImageSize,
    long Macs,
    IReadOnlyList<LayerRow> Layers,
    IReadOnlyList<TensorEntry> Tensors)
{
    public static InspectDocument From(LayerTable table, IReadOnlyList<TensorEntry> tensors, long parameters)
    {
        System.ArgumentNullException.ThrowIfNull(table);
        return new InspectDocument(table.Plan.Name, table.Plan.ClassName, table.Plan.SourcePath, parameters, table.ImageSize, table.TotalMacs,
            table.Rows.ToList(), tensors);
    }
}
