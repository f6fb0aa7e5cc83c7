using System.Collections.Generic;
using static TorchSharp.torch;

namespace Nfnet.Onnx;

/// <summary>The weights of one network by state_dict name, read as float32 values (files may hold F16, BF16 or F64).</summary>
internal sealed class WeightSet(IReadOnlyDictionary<string, Tensor> tensors)
{
    public float[] Floats(string name)
    {
        using var values = tensors[name].to_type(ScalarType.Float32).contiguous();
        return values.data<float>().ToArray();
    }

    public long[] Shape(string name) => tensors[name].shape;

    public float Scalar(string name)
    {
        using var value = tensors[name].to_type(ScalarType.Float32);
        return value.item<float>();
    }
}
