using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime (CPU) on one NCHW batch.</summary>
internal static class Ort
{
    public static float[] Run(string modelPath, float[] input, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var results = session.Run(new RunOptions(), new[] { OnnxExporter.InputName }, new[] { value }, new[] { OnnxExporter.OutputName });
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }
}
