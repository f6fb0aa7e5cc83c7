using System;

namespace Nfnet.Models.Tests.SignalPropagation;

/// <summary>
/// Signal propagation of an NFNet at initialization, from the equations alone (DeepMind nfnets/nfnet.py and base.py),
/// written for these tests without the runtime: the activation is DeepMind's γ·gelu with JAX's tanh form, evaluated
/// as scalars. Assumptions (infinite width): a scaled-WS conv passes on the variance of a spatially white input,
/// because each output channel's weights have zero mean and unit norm; the branch is uncorrelated with the stream;
/// the squeeze-excite gate is 0.5 plus a small fluctuation, so ×2 keeps the variance to first order.
/// </summary>
internal static class MeanFieldTheory
{
    public const double GeluGamma = 1.7015043497085571;   // DeepMind base.py nonlinearities['gelu']

    private static double GeluTanh(double x) => 0.5 * x * (1.0 + Math.Tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));

    /// <summary>Mean and variance of γ·gelu(x) for x ~ N(0, q), by the trapezoid rule on z ∈ [-10, 10].</summary>
    public static (double Mean, double Variance) Activation(double q)
    {
        const int nodes = 8001;
        double step = 20.0 / (nodes - 1), sd = Math.Sqrt(q), m1 = 0, m2 = 0;
        for (int i = 0; i < nodes; i++)
        {
            double z = -10.0 + i * step;
            double weight = Math.Exp(-0.5 * z * z) / Math.Sqrt(2.0 * Math.PI) * step * (i == 0 || i == nodes - 1 ? 0.5 : 1.0);
            double f = GeluGamma * GeluTanh(sd * z);
            m1 += weight * f;
            m2 += weight * f * f;
        }
        return (m1, m2 - m1 * m1);
    }

    /// <summary>How image borders enter a 3×3 SAME conv; the measured truth lies between the two.</summary>
    public enum Borders
    {
        /// <summary>No borders at all (an infinite image).</summary>
        Ignored,

        /// <summary>Zero padding removes the out-of-image taps' share of the variance, and nothing comes back.</summary>
        TapsLost,
    }

    /// <summary>
    /// Fraction of a 3-tap SAME window inside the image, averaged over the output positions of one axis: TF SAME
    /// pads max((out-1)·stride + 3 - size, 0) in total, and each padded pixel removes one tap from one window.
    /// </summary>
    public static double InsideFraction(int size, int stride)
    {
        int outSize = (size + stride - 1) / stride;
        int padding = Math.Max((outSize - 1) * stride + 3 - size, 0);
        return (3.0 * outSize - padding) / (3.0 * outSize);
    }

    private static double Conv3x3(double variance, int size, int stride, Borders borders) =>
        borders == Borders.Ignored ? variance : Math.Pow(InsideFraction(size, stride), 2) * variance;

    /// <summary>Var of a block's residual branch (before α) for stream variance q entering a block of input size <paramref name="size"/>.</summary>
    public static double Branch(double q, double beta, int stride, int size, Borders borders)
    {
        int outSize = (size + stride - 1) / stride;
        var act = Activation(beta * beta * Activation(q).Variance);   // act1·β → conv1 (1×1) → act2
        double conv2 = Conv3x3(act.Variance, size, stride, borders);
        act = Activation(conv2);
        double conv2b = Conv3x3(act.Variance, outSize, 1, borders);
        double conv3 = Activation(conv2b).Variance;                    // act3 → conv3 (1×1)
        if (borders == Borders.Ignored) return conv3;
        // Second order of the SE gate: s ~ N(0, conv3 / (2·HW)) and E[(2·sigmoid(s))²] ≈ 1 + Var(s)/4.
        return conv3 * (1.0 + conv3 / (8.0 * outSize * outSize));
    }

    /// <summary>
    /// Stream variance after a block: the shortcut (identity; a 1×1 WS conv of the pre-activation; or that conv after
    /// 2×2/2 average pooling, which divides the variance of a white signal by 4) plus α²·branch.
    /// </summary>
    public static double BlockOutput(double q, double beta, double alpha, int stride, bool projection, int size, Borders borders)
    {
        double preactivation = beta * beta * Activation(q).Variance;
        double shortcut = projection ? preactivation / (stride * stride) : q;
        return shortcut + alpha * alpha * Branch(q, beta, stride, size, borders);
    }

    /// <summary>The deep stem's output for N(0, 1) input: four 3×3 convs (strides 2, 1, 1, 2), γ·gelu after the first three.</summary>
    public static double StemOutput() =>
        Activation(Activation(Activation(1.0).Variance).Variance).Variance;
}
