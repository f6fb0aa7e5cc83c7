using System;
using Nfnet.Runtime;

namespace Nfnet.Benchmarking;

/// <summary>What one `nfnet bench` run measures.</summary>
/// <param name="Variant">A built-in variant, or one of <paramref name="SpecPath"/>'s.</param>
/// <param name="SpecPath">A spec file whose variant is benchmarked (built at run time), or null for the built-in zoo.</param>
/// <param name="Batch">Images per training step.</param>
/// <param name="ImageSize">Training image size (square).</param>
/// <param name="EvalBatch">Images per eval forward.</param>
/// <param name="EvalSize">Eval image size (square).</param>
/// <param name="Threads">libtorch intra-op threads, for ours and the peer alike.</param>
/// <param name="Rounds">Measured rounds of each phase; medians are reported.</param>
/// <param name="Warmup">Unmeasured rounds first (allocator, kernel selection, caches).</param>
/// <param name="Numerics">A numerics profile in place of the variant's own, or null.</param>
/// <param name="ChannelsLast">Also time the eval forward with the input in channels-last (NHWC) memory format.</param>
/// <param name="PeerScript">A PyTorch peer (benchmarks/timm-peer/nfnet_peer.py) run side by side, or null.</param>
/// <param name="PeerPython">The Python that runs the peer.</param>
/// <param name="Seed">Seeds the weights and inputs.</param>
/// <param name="Regularization">
/// Train with the variant's dropout and stochastic depth. Off by default: the peer has neither (timm's models are
/// created without them unless asked), and the two sides must do the same work.
/// </param>
public sealed record BenchSettings(
    string Variant,
    string? SpecPath = null,
    int Batch = 8,
    int ImageSize = 128,
    int EvalBatch = 2,
    int EvalSize = 192,
    int Threads = 2,
    int Rounds = 5,
    int Warmup = 1,
    NumericsProfile? Numerics = null,
    bool ChannelsLast = false,
    string? PeerScript = null,
    string PeerPython = "/usr/bin/python3",
    long Seed = 0,
    bool Regularization = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(Batch >= 1, nameof(Batch), "at least 1");
        Check(EvalBatch >= 1, nameof(EvalBatch), "at least 1");
        Check(ImageSize >= 32, nameof(ImageSize), "at least 32 (the network's total stride)");
        Check(EvalSize >= 32, nameof(EvalSize), "at least 32 (the network's total stride)");
        Check(Threads >= 1, nameof(Threads), "at least 1");
        Check(Rounds >= 1, nameof(Rounds), "at least 1");
        Check(Warmup >= 0, nameof(Warmup), "0 or more");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok) throw new ArgumentException($"{name} must be {rule}.", name);
    }
}
