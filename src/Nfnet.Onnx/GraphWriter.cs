using System.Collections.Generic;
using System.Globalization;
using Google.Protobuf;
using Onnx;

namespace Nfnet.Onnx;

/// <summary>Appends nodes and initializers to a graph; every node's single output is named after the node.</summary>
internal sealed class GraphWriter(GraphProto graph, TensorStore store)
{
    private readonly Dictionary<float, string> _scalars = new();
    private readonly HashSet<string> _names = new();

    public GraphProto Graph { get; } = graph;

    public TensorStore Store { get; } = store;

    /// <summary>Adds <paramref name="opType"/>(<paramref name="inputs"/>) as node <paramref name="name"/>; returns its output, also <paramref name="name"/>.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        if (!_names.Add(name)) throw new System.InvalidOperationException($"node name '{name}' used twice");
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return name;
    }

    /// <summary>A 2-D (or 1-D) convolution with bias; <paramref name="pads"/> in ONNX order (all begins, then all ends).</summary>
    public string Conv(string input, string name, float[] weight, long[] weightShape, float[]? bias, long[] strides, long[] pads, long groups)
    {
        var weightName = name + ".weight";
        Store.AddFloats(weightName, weightShape, weight);
        var inputs = new List<string> { input, weightName };
        if (bias is not null)
        {
            Store.AddFloats(name + ".bias", new long[] { bias.Length }, bias);
            inputs.Add(name + ".bias");
        }
        var kernel = weightShape[2..];
        return Node("Conv", name, inputs, Ints("kernel_shape", kernel), Ints("strides", strides), Ints("pads", pads), Int("group", groups));
    }

    /// <summary>A float scalar initializer of value <paramref name="value"/>, shared by every node that needs the same constant.</summary>
    public string Scalar(float value)
    {
        if (_scalars.TryGetValue(value, out var existing)) return existing;
        var name = "const." + value.ToString("R", CultureInfo.InvariantCulture);
        Store.AddFloats(name, System.Array.Empty<long>(), new[] { value });
        _scalars[value] = name;
        return name;
    }

    /// <summary>An int64 vector initializer (a Reshape target).</summary>
    public string Int64s(string name, long[] values)
    {
        Store.AddInt64s(name, new long[] { values.Length }, values);
        return name;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
