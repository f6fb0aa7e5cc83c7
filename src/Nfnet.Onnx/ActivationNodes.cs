using System;
using Nfnet.Dsl.Lowering;

namespace Nfnet.Onnx;

/// <summary>
/// f(x) without γ for every activation of the architecture language, as ONNX (opset 20) nodes with the runtime's
/// constants: the ONNX op where there is one (Gelu with its approximate attribute), a composition where there is not
/// (log_sigmoid = −softplus(−x), silu = x·sigmoid(x), relu6 = clip(x, 0, 6)).
/// </summary>
internal static class ActivationNodes
{
    // torch.nn.functional.selu's constants (ONNX's defaults are their float roundings; written out to say so).
    private const float SeluAlpha = 1.6732632423543772848170429916717f;
    private const float SeluScale = 1.0507009873554804934193349852946f;

    /// <summary>Adds f(<paramref name="input"/>) named <paramref name="name"/> (identity adds nothing); returns its output.</summary>
    public static string Add(GraphWriter g, string activation, string input, string name, GeluForm gelu) => activation switch
    {
        "identity" => input,
        "celu" => g.Node("Celu", name, new[] { input }, GraphWriter.Float("alpha", 1f)),
        "elu" => g.Node("Elu", name, new[] { input }, GraphWriter.Float("alpha", 1f)),
        "gelu" => g.Node("Gelu", name, new[] { input }, GraphWriter.Text("approximate", gelu == GeluForm.Tanh ? "tanh" : "none")),
        "leaky_relu" => g.Node("LeakyRelu", name, new[] { input }, GraphWriter.Float("alpha", 0.01f)),
        "log_sigmoid" => g.Node("Neg", name, new[] { g.Node("Softplus", name + ".softplus", new[] { g.Node("Neg", name + ".neg", new[] { input }) }) }),
        "log_softmax" => g.Node("LogSoftmax", name, new[] { input }, GraphWriter.Int("axis", 1)),
        "relu" => g.Node("Relu", name, new[] { input }),
        "relu6" => g.Node("Clip", name, new[] { input, g.Scalar(0f), g.Scalar(6f) }),
        "selu" => g.Node("Selu", name, new[] { input }, GraphWriter.Float("alpha", SeluAlpha), GraphWriter.Float("gamma", SeluScale)),
        "sigmoid" => g.Node("Sigmoid", name, new[] { input }),
        "silu" => g.Node("Mul", name, new[] { input, g.Node("Sigmoid", name + ".sigmoid", new[] { input }) }),
        "soft_sign" => g.Node("Softsign", name, new[] { input }),
        "softplus" => g.Node("Softplus", name, new[] { input }),
        "tanh" => g.Node("Tanh", name, new[] { input }),
        _ => throw new ArgumentException($"activation '{activation}' has no ONNX form", nameof(activation)),
    };
}
