using System;
using System.Globalization;
using System.IO;

namespace Nfnet.Benchmarking;

/// <summary>The phases one side (ours or the peer) was timed in.</summary>
public sealed record SideResult(
    PhaseStats Forward,
    PhaseStats Backward,
    PhaseStats Optimizer,
    PhaseStats TrainStep,
    PhaseStats Eval,
    long? TrainPeakBytes,
    long? EvalPeakBytes);

/// <summary>Everything one `nfnet bench` run measured.</summary>
/// <param name="TrainMacs">Multiply-accumulates of one training image's forward (DeepMind's count).</param>
/// <param name="EvalMacs">Multiply-accumulates of one eval image's forward.</param>
/// <param name="EvalChannelsLast">The eval forward with a channels-last input, when asked for.</param>
/// <param name="ConvsTrain">The network's convolutions alone, forward and backward, plain weights.</param>
/// <param name="ConvsEval">The network's convolutions alone, forward.</param>
/// <param name="Peer">The peer's phases, or null (see <paramref name="PeerNote"/>).</param>
/// <param name="PeerNote">Why there is no peer, or null.</param>
public sealed record BenchReport(
    BenchSettings Settings,
    string Variant,
    string Numerics,
    long Parameters,
    long TrainMacs,
    long EvalMacs,
    int Threads,
    SideResult Ours,
    PhaseStats? EvalChannelsLast,
    PhaseStats ConvsTrain,
    PhaseStats ConvsEval,
    PhaseStats Ceiling,
    long CeilingMacs,
    string CeilingShape,
    SideResult? Peer,
    string? PeerDescription,
    string? PeerNote)
{
    /// <summary>GFLOP/s (2 FLOPs per MAC) of the eval forward.</summary>
    public double EvalGflops => Gflops(EvalMacs * Settings.EvalBatch, Ours.Eval.MedianMs);

    /// <summary>GFLOP/s of the ceiling probe.</summary>
    public double CeilingGflops => Gflops(CeilingMacs, Ceiling.MedianMs);

    /// <summary>Eval throughput as a fraction of the ceiling's.</summary>
    public double EvalOfCeiling => EvalGflops / CeilingGflops;

    /// <summary>Eval images per second.</summary>
    public double EvalImagesPerSecond => Settings.EvalBatch * 1000.0 / Ours.Eval.MedianMs;

    /// <summary>Training images per second.</summary>
    public double TrainImagesPerSecond => Settings.Batch * 1000.0 / Ours.TrainStep.MedianMs;

    private static double Gflops(long macs, double milliseconds) => 2.0 * macs / (milliseconds * 1e6);

    /// <summary>The report as the CLI prints it.</summary>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var s = Settings;
        string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine(Line($"nfnet bench {Variant}: {Parameters / 1e6:F1}M parameters, numerics {Numerics}, {Threads} thread{(Threads == 1 ? "" : "s")}"));
        writer.WriteLine(Line($"  train step: batch {s.Batch} at {s.ImageSize} px ({TrainMacs / 1e9:F2} GMACs per image), forward + cross-entropy + backward + AGC-SGD"));
        writer.WriteLine(s.Regularization ? "              with the variant's dropout and stochastic depth" : "              without dropout or stochastic depth (as the peer)");
        writer.WriteLine(Line($"  eval:       batch {s.EvalBatch} at {s.EvalSize} px ({EvalMacs / 1e9:F2} GMACs per image), no autograd"));
        writer.WriteLine(Line($"  median of {s.Rounds} measured round{(s.Rounds == 1 ? "" : "s")} after {s.Warmup} warm-up; [min-max] in brackets"));
        if (Peer is not null) writer.WriteLine($"  peer: {PeerDescription}; its rounds alternate with ours");
        else if (PeerNote is not null) writer.WriteLine($"  peer: none ({PeerNote})");
        writer.WriteLine();

        writer.WriteLine(Peer is null
            ? $"{"phase",-16} {"ms",24}"
            : $"{"phase",-16} {"nfnet ms",24} {"peer ms",24} {"nfnet/peer",11}");
        Row(writer, "train forward", Ours.Forward, Peer?.Forward);
        Row(writer, "train backward", Ours.Backward, Peer?.Backward);
        Row(writer, "optimizer", Ours.Optimizer, Peer?.Optimizer);
        Row(writer, "train step", Ours.TrainStep, Peer?.TrainStep);
        Row(writer, "eval forward", Ours.Eval, Peer?.Eval);
        if (EvalChannelsLast is not null)
            writer.WriteLine(Line($"{"eval NHWC input",-16} {Cell(EvalChannelsLast),24}   {EvalChannelsLast.MedianMs / Ours.Eval.MedianMs:F2}× the NCHW eval"));
        writer.WriteLine();

        writer.WriteLine(Line($"throughput: train {TrainImagesPerSecond:F2} img/s, eval {EvalImagesPerSecond:F2} img/s = {EvalGflops:F1} GFLOP/s"));
        writer.WriteLine(Line($"convolutions alone (the same shapes, plain weights): train fwd+bwd {Cell(ConvsTrain)} ms, eval {Cell(ConvsEval)} ms"));
        writer.WriteLine(Line($"  network / its convolutions: train fwd+bwd {(Ours.Forward.MedianMs + Ours.Backward.MedianMs) / ConvsTrain.MedianMs:F2}×, eval {Ours.Eval.MedianMs / ConvsEval.MedianMs:F2}×"));
        writer.WriteLine(Line($"conv ceiling ({CeilingShape}): {CeilingGflops:F1} GFLOP/s; eval reaches {EvalOfCeiling * 100:F0}% of it"));
        writer.WriteLine(Line($"peak resident memory: train step {Mib(Ours.TrainPeakBytes)}, eval {Mib(Ours.EvalPeakBytes)}{(Peer is null ? "" : $" (peer: {Mib(Peer.TrainPeakBytes)}, {Mib(Peer.EvalPeakBytes)})")}"));
    }

    private static void Row(TextWriter writer, string name, PhaseStats ours, PhaseStats? peer)
    {
        if (peer is null)
        {
            writer.WriteLine($"{name,-16} {Cell(ours),24}");
            return;
        }
        var ratio = (ours.MedianMs / peer.MedianMs).ToString("F2", CultureInfo.InvariantCulture);
        writer.WriteLine($"{name,-16} {Cell(ours),24} {Cell(peer),24} {ratio,11}");
    }

    private static string Cell(PhaseStats stats) =>
        string.Create(CultureInfo.InvariantCulture, $"{stats.MedianMs:F1} [{stats.MinMs:F0}-{stats.MaxMs:F0}]");

    private static string Mib(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F0} MiB") : "n/a";
}
