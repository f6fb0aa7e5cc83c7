using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Weights;
using static TorchSharp.torch;

namespace Nfnet.Benchmarking;

/// <summary>
/// Runs a benchmark: training steps, then eval forwards, each phase alternating with the peer's round when there is
/// one; then the network's convolutions alone and the ceiling probe. Everything in one process and one run, so the
/// ratios compare times taken minutes apart on the same machine under the same load.
/// </summary>
public static partial class BenchRunner
{
    /// <summary>Measures <paramref name="settings"/>; progress lines go to <paramref name="progress"/>.</summary>
    /// <exception cref="PeerFailedException">The peer was asked for and could not run.</exception>
    public static BenchReport Run(BenchSettings settings, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        settings.Validate();
        set_num_threads(settings.Threads);

        using var model = new ModelUnderTest(settings);
        var plan = model.Network.Plan;
        using var peer = StartPeer(settings, plan, progress);

        var ours = new PhaseLog();
        var theirs = new PhaseLog();
        long? oursTrainPeak = null, oursEvalPeak = null, peerTrainPeak = null, peerEvalPeak = null;

        progress.WriteLine($"training steps: {settings.Warmup} warm-up, {settings.Rounds} measured");
        for (int round = 0; round < settings.Warmup + settings.Rounds; round++)
        {
            bool measured = round >= settings.Warmup;
            PeakMemory.Reset();
            var step = model.TrainStep();
            oursTrainPeak = Max(oursTrainPeak, PeakMemory.PeakBytes());
            if (measured)
            {
                ours.Add("forward", step.ForwardMs);
                ours.Add("backward", step.BackwardMs);
                ours.Add("optimizer", step.OptimizerMs);
                ours.Add("step", step.StepMs);
            }
            if (peer is null) continue;
            var reply = peer.Run("train");
            double forward = Number(reply, "forward_ms"), backward = Number(reply, "backward_ms"), optimizer = Number(reply, "optimizer_ms");
            peerTrainPeak = Max(peerTrainPeak, Bytes(reply));
            if (!measured) continue;
            theirs.Add("forward", forward);
            theirs.Add("backward", backward);
            theirs.Add("optimizer", optimizer);
            theirs.Add("step", forward + backward + optimizer);
        }

        progress.WriteLine($"eval forwards: {settings.Warmup} warm-up, {settings.Rounds} measured");
        model.BeginEval();
        PeakMemory.Reset();
        model.EvalForward(); // caches the standardized weights, as the first batch of any evaluation does
        for (int round = 0; round < settings.Warmup + settings.Rounds; round++)
        {
            bool measured = round >= settings.Warmup;
            var eval = model.EvalForward();
            oursEvalPeak = Max(oursEvalPeak, PeakMemory.PeakBytes());
            if (measured) ours.Add("eval", eval);
            if (settings.ChannelsLast)
            {
                var nhwc = model.EvalForward(channelsLast: true);
                if (measured) ours.Add("eval-nhwc", nhwc);
            }
            if (peer is null) continue;
            var reply = peer.Run("eval");
            peerEvalPeak = Max(peerEvalPeak, Bytes(reply));
            if (measured) theirs.Add("eval", Number(reply, "eval_ms"));
        }

        progress.WriteLine("convolutions alone and the ceiling probe");
        using (var convsTrain = new PlainConvBaseline(ConvWorkload.Of(plan, settings.ImageSize), settings.Batch))
        using (var convsEval = new PlainConvBaseline(ConvWorkload.Of(plan, settings.EvalSize), settings.EvalBatch))
        using (var ceiling = new ConvCeiling(settings.EvalBatch, settings.EvalSize))
        {
            for (int round = 0; round < settings.Warmup + settings.Rounds; round++)
            {
                bool measured = round >= settings.Warmup;
                var train = convsTrain.TrainMilliseconds();
                var eval = convsEval.EvalMilliseconds();
                var probe = ceiling.Milliseconds();
                if (!measured) continue;
                ours.Add("convs-train", train);
                ours.Add("convs-eval", eval);
                ours.Add("ceiling", probe);
            }

            var oursResult = new SideResult(ours.Require("forward"), ours.Require("backward"), ours.Require("optimizer"), ours.Require("step"),
                ours.Require("eval"), oursTrainPeak, oursEvalPeak);
            var peerResult = peer is null ? null : new SideResult(theirs.Require("forward"), theirs.Require("backward"), theirs.Require("optimizer"),
                theirs.Require("step"), theirs.Require("eval"), peerTrainPeak, peerEvalPeak);
            return new BenchReport(settings, plan.Name, WeightsMetadata.Describe(model.Network.Numerics), plan.ParameterCount, plan.Macs(settings.ImageSize),
                plan.Macs(settings.EvalSize), get_num_threads(), oursResult, ours.Stats("eval-nhwc"), ours.Require("convs-train"),
                ours.Require("convs-eval"), ours.Require("ceiling"), ceiling.Macs, ceiling.Shape, peerResult, peer?.Description, null);
        }
    }

    /// <summary>The peer's name for <paramref name="plan"/>: DeepMind's F0..F7 only (the peer builds nothing else).</summary>
    public static string? PeerVariant(ModelPlan plan, BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.SpecPath is null && DeepMindVariant().IsMatch(plan.Name) ? plan.Name : null;
    }

    private static PeerProcess? StartPeer(BenchSettings settings, ModelPlan plan, TextWriter progress)
    {
        if (settings.PeerScript is null) return null;
        var variant = PeerVariant(plan, settings)
            ?? throw new PeerFailedException($"the peer builds DeepMind's F0..F7 only; {plan.Name} has no peer");
        progress.WriteLine($"starting the peer: {settings.PeerPython} {settings.PeerScript} --variant {variant}");
        return PeerProcess.Start(settings, variant);
    }

    private static double Number(JsonElement reply, string name) =>
        reply.TryGetProperty(name, out var value) && value.TryGetDouble(out var number)
            ? number
            : throw new PeerFailedException($"the peer's answer has no number '{name}': {reply.GetRawText()}");

    private static long? Bytes(JsonElement reply) =>
        reply.TryGetProperty("peak_rss_bytes", out var value) && value.TryGetInt64(out var bytes) ? bytes : null;

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    [GeneratedRegex("^F[0-7]$")]
    private static partial Regex DeepMindVariant();
}
