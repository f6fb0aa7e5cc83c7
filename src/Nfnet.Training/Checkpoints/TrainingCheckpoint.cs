using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Nfnet.Runtime.Optim;
using Nfnet.Training.Training;
using Nfnet.Training.Weights;
using static TorchSharp.torch;

namespace Nfnet.Training.Checkpoints;

/// <summary>
/// Everything a run needs to continue bit-for-bit, in one safetensors file written atomically:
/// <c>model.*</c> (weights, timm names), <c>ema.*</c> (the weight EMA, when enabled), <c>optimizer.state</c>
/// (AgcSgd's own serialization of the momentum buffers and group options, as bytes), <c>rng.torch</c> (torch's
/// generator state, which drives dropout and stochastic depth), and metadata with the step, the epoch's running sums
/// and the run description. Data order and augmentation are recomputed from the seed and step, so need no state.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The metadata "format" value; files without it are not checkpoints.</summary>
    public const string Format = "nfnet-training-checkpoint/1";

    private const string ModelPrefix = "model.";
    private const string EmaPrefix = "ema.";
    private const string OptimizerKey = "optimizer.state";
    private const string RngKey = "rng.torch";
    private const string RunPrefix = "run.";

    /// <summary>Metadata key of the run's length in steps, which a resume may increase.</summary>
    public const string TotalStepsKey = "total_steps";

    /// <summary>Metadata key of the run's warmup, which stays what it was when a resume lengthens the run.</summary>
    public const string WarmupStepsKey = "warmup_steps";

    /// <summary>
    /// Writes the checkpoint atomically (temporary file, then rename). <paramref name="totalSteps"/> and
    /// <paramref name="warmupSteps"/> are the schedule the run follows, recorded so that <see cref="Resume"/> can
    /// lengthen it.
    /// </summary>
    public static void Save(string path, nn.Module model, AgcSgd optimizer, WeightEma? ema, TrainingProgress progress, IReadOnlyDictionary<string, string> run,
        long? totalSteps = null, long? warmupSteps = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(run);
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, t) in model.state_dict()) tensors[ModelPrefix + name] = t;
        if (ema is not null)
            foreach (var (name, t) in ema.Shadow) tensors[EmaPrefix + name] = t;
        tensors[OptimizerKey] = tensor(SerializeOptimizer(optimizer));
        tensors[RngKey] = random.get_rng_state();

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["step"] = progress.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch_loss_sum"] = progress.EpochLossSum.ToString("R", CultureInfo.InvariantCulture),
            ["epoch_correct"] = progress.EpochCorrect.ToString(CultureInfo.InvariantCulture),
            ["epoch_seen"] = progress.EpochSeen.ToString(CultureInfo.InvariantCulture),
            ["epoch_seconds"] = progress.EpochSeconds.ToString("R", CultureInfo.InvariantCulture),
        };
        if (totalSteps is { } total) metadata[TotalStepsKey] = total.ToString(CultureInfo.InvariantCulture);
        if (warmupSteps is { } warmup) metadata[WarmupStepsKey] = warmup.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in run) metadata[RunPrefix + key] = value;
        SafetensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Restores model, optimizer, EMA and torch's generator from <paramref name="path"/> and returns where the run
    /// was. Throws <see cref="CheckpointException"/> when the file is not a checkpoint or was written by a run with a
    /// different description (every differing setting is listed).
    /// </summary>
    public static TrainingProgress Restore(string path, nn.Module model, AgcSgd optimizer, WeightEma? ema, IReadOnlyDictionary<string, string> run) =>
        Load(path, model, optimizer, ema, run, totalSteps: null).Progress;

    /// <summary>
    /// <see cref="Restore"/> for a run of <paramref name="totalSteps"/> steps, which may be longer than the checkpoint's
    /// run (never shorter): the result says how long the checkpoint's run was and what warmup it had, so the caller can
    /// recompute its schedule to the new end. A shorter run is refused with the other differences.
    /// </summary>
    public static ResumedRun Resume(string path, nn.Module model, AgcSgd optimizer, WeightEma? ema, IReadOnlyDictionary<string, string> run, long totalSteps) =>
        Load(path, model, optimizer, ema, run, totalSteps);

    private static ResumedRun Load(string path, nn.Module model, AgcSgd optimizer, WeightEma? ema, IReadOnlyDictionary<string, string> run, long? totalSteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(run);
        using var content = SafetensorsFile.Read(path);
        var meta = content.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != Format)
            throw new CheckpointException($"{path} is not a training checkpoint (metadata format is '{format ?? "missing"}', expected '{Format}')");

        var differences = run.Keys.Union(meta.Keys.Where(k => k.StartsWith(RunPrefix, StringComparison.Ordinal)).Select(k => k[RunPrefix.Length..]))
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => (Key: k, Then: meta.GetValueOrDefault(RunPrefix + k), Now: run.GetValueOrDefault(k)))
            .Where(d => d.Then != d.Now)
            .Select(d => $"{d.Key}: checkpoint has '{d.Then ?? "(unset)"}', this run has '{d.Now ?? "(unset)"}'")
            .ToList();
        long? before = meta.ContainsKey(TotalStepsKey) ? Metadata<long>(meta, TotalStepsKey, path) : null;
        if (totalSteps is { } after && before is { } total && after < total)
            differences.Add($"{TotalStepsKey}: checkpoint has '{total}', this run has '{after}' (--resume can lengthen a run, not shorten it)");
        if (differences.Count > 0)
            throw new CheckpointException($"{path} belongs to a different run; --resume needs the same settings:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", differences));
        long? warmup = meta.ContainsKey(WarmupStepsKey) ? Metadata<long>(meta, WarmupStepsKey, path) : null;

        // Read everything the resume needs before changing anything, so a damaged file never half-loads a run.
        var progress = new TrainingProgress(
            Metadata<long>(meta, "step", path),
            Metadata<double>(meta, "epoch_loss_sum", path),
            Metadata<long>(meta, "epoch_correct", path),
            Metadata<long>(meta, "epoch_seen", path),
            Metadata<double>(meta, "epoch_seconds", path));
        var optimizerState = Required(content.Tensors, OptimizerKey, path);
        var rngState = Required(content.Tensors, RngKey, path);

        ModelWeights.LoadStrict(model, Strip(content.Tensors, ModelPrefix), $"{path} (model)");
        if (ema is not null)
        {
            var averages = Strip(content.Tensors, EmaPrefix);
            if (averages.Count == 0) throw new CheckpointException($"{path} has no EMA weights but this run keeps an EMA");
            ema.Load(averages);
        }
        DeserializeOptimizer(optimizer, optimizerState);
        random.set_rng_state(rngState);
        return new ResumedRun(progress, before, warmup);
    }

    private static Tensor Required(IReadOnlyDictionary<string, Tensor> tensors, string key, string path) =>
        tensors.TryGetValue(key, out var tensor)
            ? tensor
            : throw new CheckpointException($"{path} is damaged: it has no '{key}' tensor, which --resume needs");

    private static T Metadata<T>(IReadOnlyDictionary<string, string> meta, string key, string path) where T : struct, ISpanParsable<T>
    {
        if (!meta.TryGetValue(key, out var text))
            throw new CheckpointException($"{path} is damaged: its metadata has no '{key}'");
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CheckpointException($"{path} is damaged: metadata '{key}' is '{text}', not a number");
    }

    /// <summary>The model weights stored in a checkpoint, by state_dict name (for evaluate/predict on a checkpoint).</summary>
    public static bool IsCheckpoint(SafetensorsContent content) =>
        content.Metadata.TryGetValue("format", out var format) && format == Format;

    /// <summary>The tensors whose names start with <paramref name="prefix"/>, with the prefix removed.</summary>
    public static Dictionary<string, Tensor> Strip(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);

    /// <summary>The prefix of the model weights inside a checkpoint.</summary>
    public static string ModelWeightsPrefix => ModelPrefix;

    private static byte[] SerializeOptimizer(AgcSgd optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return memory.ToArray();
    }

    private static void DeserializeOptimizer(AgcSgd optimizer, Tensor bytes)
    {
        using var memory = new MemoryStream(bytes.bytes.ToArray());
        using var reader = new BinaryReader(memory);
        optimizer.load_state_dict(reader);
    }
}

/// <summary>Where a run stands: optimizer steps done, and the running sums of the epoch in progress.</summary>
public sealed record TrainingProgress(long Step, double EpochLossSum, long EpochCorrect, long EpochSeen, double EpochSeconds)
{
    /// <summary>A run that has not started.</summary>
    public static TrainingProgress Start { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>What a checkpoint restored: where the run was, and the schedule it had (null in checkpoints that predate them).</summary>
/// <param name="TotalSteps">The checkpoint's run length.</param>
/// <param name="WarmupSteps">The checkpoint's warmup.</param>
public sealed record ResumedRun(TrainingProgress Progress, long? TotalSteps, long? WarmupSteps);

/// <summary>A checkpoint cannot be used for this run.</summary>
public sealed class CheckpointException(string message) : Exception(message);
