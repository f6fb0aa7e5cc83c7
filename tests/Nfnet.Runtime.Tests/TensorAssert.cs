using TorchSharp;
using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

/// <summary>Element-wise comparisons that print the offending values.</summary>
internal static class TensorAssert
{
    public static void Close(double[] expected, Tensor actual, double tolerance)
    {
        var values = actual.to(ScalarType.Float64).cpu().data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance,
                $"element {i}: expected {expected[i]:R}, got {values[i]:R} (tolerance {tolerance})");
        }
    }

    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        Close(expected.to(ScalarType.Float64).cpu().data<double>().ToArray(), actual, tolerance);
    }

    /// <summary>Same shape, dtype and bit-identical elements.</summary>
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        using var same = expected.eq(actual).all();
        Assert.True(same.item<bool>(), "tensors differ");
    }

    public static double[] Values(Tensor t) => t.to(ScalarType.Float64).cpu().data<double>().ToArray();
}
