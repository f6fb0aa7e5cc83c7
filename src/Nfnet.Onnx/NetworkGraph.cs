using System;
using Nfnet.Dsl.Lowering;
using ConvPaddingMath = Nfnet.Runtime.ConvPaddingMath;

namespace Nfnet.Onnx;

/// <summary>
/// Writes the eval forward of a plan (the runtime's PlanModel in eval mode: dropout and stochastic depth are identities)
/// as ONNX nodes. Every constant scale is folded where it is exact: an activation's γ and a block's β into the convs that
/// read the activation (also through the average-pool shortcut, which is linear), α·skipinit gain into conv3 (or into
/// the attention gate's multiply when attention follows conv3), the final activation's γ into the classifier. Activations
/// are therefore written without γ, and no node standardizes a weight.
/// </summary>
internal sealed class NetworkGraph
{
    private readonly ModelPlan _plan;
    private readonly WeightSet _weights;
    private readonly GraphWriter _g;
    private readonly double _activationGamma;
    private readonly double _convGamma;

    public NetworkGraph(ModelPlan plan, WeightSet weights, GraphWriter graph)
    {
        _plan = plan;
        _weights = weights;
        _g = graph;
        bool inActivation = plan.Parts.GammaPlacement == GammaPlacement.Activation;
        _activationGamma = inActivation ? plan.ActivationGamma : 1.0;
        _convGamma = inActivation ? 1.0 : plan.ActivationGamma;
    }

    /// <summary>Adds the network from <paramref name="input"/> (NCHW, <paramref name="imageSize"/> square) to the logits; returns the logits' name.</summary>
    public string Build(string input, int imageSize)
    {
        int size = imageSize;
        var x = Stem(input, ref size);
        foreach (var block in _plan.Blocks)
            x = Block(block, x, ref size);
        if (_plan.FinalConv is { } final)
            x = WsConv(final, x, ref size, 1.0, 1.0);
        x = Activation(x, "final_act");
        var pooled = _g.Node("GlobalAveragePool", "head.global_pool", new[] { x });
        var flat = _g.Node("Flatten", "head.flatten", new[] { pooled }, GraphWriter.Int("axis", 1));
        // The final activation's γ: the mean and the classifier are linear, so it scales the classifier's weight.
        var weight = ConvFolding.Scale(_weights.Floats("head.fc.weight"), _activationGamma);
        _g.Store.AddFloats("head.fc.weight", _weights.Shape("head.fc.weight"), weight);
        _g.Store.AddFloats("head.fc.bias", _weights.Shape("head.fc.bias"), _weights.Floats("head.fc.bias"));
        return _g.Node("Gemm", "logits", new[] { flat, "head.fc.weight", "head.fc.bias" }, GraphWriter.Int("transB", 1));
    }

    private string Stem(string input, ref int size)
    {
        var x = input;
        double pending = 1.0;
        var convs = _plan.Stem.Convs;
        for (int i = 0; i < convs.Count; i++)
        {
            x = WsConv(convs[i], x, ref size, pending, 1.0);
            pending = 1.0;
            if (i < convs.Count - 1)
            {
                x = Activation(x, $"stem.act{i + 2}");
                pending = _activationGamma;
            }
        }
        if (_plan.Stem.MaxPool)
        {
            var (before, after) = _plan.Numerics.Padding == PaddingMode.Same ? ConvPaddingMath.Same(size, 3, 2) : (1L, 1L);
            // MaxPool's pads never win a max, as the runtime's −∞ padding.
            x = _g.Node("MaxPool", "stem.pool", new[] { x }, GraphWriter.Ints("kernel_shape", new long[] { 3, 3 }),
                GraphWriter.Ints("strides", new long[] { 2, 2 }), GraphWriter.Ints("pads", new[] { before, before, after, after }));
            size = (int)((size + before + after - 3) / 2 + 1);
        }
        return x;
    }

    private string Block(BlockPlan block, string x, ref int size)
    {
        var name = block.Name;
        var preact = Activation(x, name + ".act1");
        double inScale = _activationGamma * block.Beta;
        int inSize = size;

        string shortcut = x;
        if (block.Downsample is { } projection)
        {
            var pooled = preact;
            int shortcutSize = inSize;
            if (block.Parts.Shortcut == ShortcutKind.AvgPool && block.Stride > 1)
                pooled = AveragePool(preact, name + ".downsample.pool", block.Stride, ref shortcutSize);
            shortcut = WsConv(projection, pooled, ref shortcutSize, inScale, 1.0);
        }

        var branch = WsConv(block.Conv1, preact, ref size, inScale, 1.0);
        branch = WsConv(block.Conv2, Activation(branch, name + ".act2"), ref size, _activationGamma, 1.0);
        if (block.Conv2b is { } conv2b)
            branch = WsConv(conv2b, Activation(branch, name + ".act2b"), ref size, _activationGamma, 1.0);
        if (block.Attention is { Place: AttentionPlace.Mid } mid)
            branch = Gate(branch, $"{name}.{mid.ModuleName}", mid, mid.Gain);

        double outScale = block.Alpha * (block.HasSkipinitGain ? _weights.Scalar(name + ".skipinit_gain") : 1.0);
        var activated = Activation(branch, name + ".act3");
        if (block.Attention is { Place: AttentionPlace.Last } last)
        {
            branch = WsConv(block.Conv3, activated, ref size, _activationGamma, 1.0);
            branch = Gate(branch, $"{name}.{last.ModuleName}", last, last.Gain * outScale);
        }
        else
        {
            branch = WsConv(block.Conv3, activated, ref size, _activationGamma, outScale);
        }
        return _g.Node("Add", name, new[] { shortcut, branch });
    }

    /// <summary>A scaled WS conv: standardized weight times gain, γ in the conv, and the folded input/output scales.</summary>
    private string WsConv(ConvPlan conv, string input, ref int size, double inScale, double outScale)
    {
        var weight = ConvFolding.Standardize(_weights.Floats(conv.Name + ".weight"), _weights.Floats(conv.Name + ".gain"),
            _plan.Numerics.WsEpsilon, _convGamma, inScale * outScale);
        var bias = ConvFolding.Scale(_weights.Floats(conv.Name + ".bias"), outScale);
        var (before, after) = _plan.Numerics.Padding == PaddingMode.Same
            ? ConvPaddingMath.Same(size, conv.Kernel, conv.Stride)
            : (ConvPaddingMath.Symmetric(conv.Kernel, conv.Stride), ConvPaddingMath.Symmetric(conv.Kernel, conv.Stride));
        var output = _g.Conv(input, conv.Name, weight, _weights.Shape(conv.Name + ".weight"), bias, new long[] { conv.Stride, conv.Stride },
            new[] { before, before, after, after }, conv.Groups);
        size = (int)((size + before + after - conv.Kernel) / conv.Stride + 1);
        return output;
    }

    /// <summary>
    /// The shortcut's 2×2 average pool at <paramref name="stride"/>, as torch's ceil_mode with count_include_pad=false:
    /// a window hanging over the bottom/right edge averages only its pixels inside. Written as explicit end pads that
    /// the average excludes (count_include_pad=0), which ONNX defines exactly.
    /// </summary>
    private string AveragePool(string input, string name, int stride, ref int size)
    {
        const int kernel = 2;
        int outSize = (size - kernel + stride - 1 + stride) / stride; // ceil((size − k) / s) + 1 for size ≥ 1
        if ((outSize - 1) * stride >= size) outSize--; // torch drops a last window that would start in the padding
        long end = Math.Max(0, (outSize - 1) * stride + kernel - size);
        size = outSize;
        return _g.Node("AveragePool", name, new[] { input }, GraphWriter.Ints("kernel_shape", new long[] { kernel, kernel }),
            GraphWriter.Ints("strides", new long[] { stride, stride }), GraphWriter.Ints("pads", new[] { 0L, 0L, end, end }),
            GraphWriter.Int("count_include_pad", 0));
    }

    /// <summary><paramref name="branch"/>·(gate·<paramref name="scale"/>): SE or ECA computes the gate from the pooled branch.</summary>
    private string Gate(string branch, string prefix, AttentionPlan attention, double scale)
    {
        var pooled = _g.Node("GlobalAveragePool", prefix + ".pool", new[] { branch });
        string gate;
        if (attention.Kind == AttentionKind.SqueezeExcite)
        {
            var hidden = PlainConv(pooled, prefix + ".fc1", withBias: true, pad: 0);
            hidden = ActivationNodes.Add(_g, attention.HiddenActivation, hidden, prefix + ".act", _plan.Numerics.Gelu);
            gate = _g.Node("Sigmoid", prefix + ".gate", new[] { PlainConv(hidden, prefix + ".fc2", withBias: true, pad: 0) });
        }
        else
        {
            // ECA slides a k-tap conv across the channels: [N, C, 1, 1] → [N, 1, C], conv1d with zero padding, back.
            long channels = attention.Channels;
            var row = _g.Node("Reshape", prefix + ".to_row", new[] { pooled, _g.Int64s(prefix + ".row_shape", new[] { 0L, 1, channels }) });
            var mixed = PlainConv(row, prefix + ".conv", withBias: false, pad: (attention.KernelSize - 1) / 2);
            var sigmoid = _g.Node("Sigmoid", prefix + ".sigmoid", new[] { mixed });
            gate = _g.Node("Reshape", prefix + ".gate", new[] { sigmoid, _g.Int64s(prefix + ".gate_shape", new[] { 0L, channels, 1, 1 }) });
        }
        if (scale != 1.0)
            gate = _g.Node("Mul", prefix + ".scaled_gate", new[] { gate, _g.Scalar((float)scale) });
        return _g.Node("Mul", prefix + ".out", new[] { branch, gate });
    }

    /// <summary>An ordinary conv (SE's 1×1 convs, ECA's conv1d) with its weights as they are.</summary>
    private string PlainConv(string input, string name, bool withBias, long pad)
    {
        var shape = _weights.Shape(name + ".weight");
        int spatial = shape.Length - 2;
        var strides = new long[spatial];
        Array.Fill(strides, 1L);
        var pads = new long[2 * spatial];
        Array.Fill(pads, pad);
        return _g.Conv(input, name, _weights.Floats(name + ".weight"), shape, withBias ? _weights.Floats(name + ".bias") : null, strides, pads, 1);
    }

    private string Activation(string x, string name) => ActivationNodes.Add(_g, _plan.Activation, x, name, _plan.Numerics.Gelu);
}
