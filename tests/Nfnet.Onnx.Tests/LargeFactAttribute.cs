using System;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// A fact too slow or too big for the fast suite (a full-size F0, a model above 1 GB): it runs when NFNET_ONNX_LARGE_TESTS=1,
/// as docs/onnx.md shows, and is otherwise skipped with that reason.
/// </summary>
public sealed class LargeFactAttribute : FactAttribute
{
    public const string Variable = "NFNET_ONNX_LARGE_TESTS";

    public LargeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"Large: set {Variable}=1 to run it (minutes, a few GB of memory and disk).";
    }
}
