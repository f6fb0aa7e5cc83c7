using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Nfnet.Distributed;
using Nfnet.Training.Data;
using Nfnet.Training.Models;
using Nfnet.Training.Training;
using Nfnet.Training.Weights;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet train` as one rank of a data-parallel run (docs/distributed.md): joining it, and what the ranks compare
/// to make sure they were launched alike.
/// </summary>
public static partial class TrainCommand
{
    private static int Run(CliContext context, Settings s)
    {
        // Under mpirun (srun, Hydra, ...) this process is one rank of a data-parallel run; otherwise it trains alone.
        if (LaunchEnvironment.FromProcess() is not { } launch) return Guarded(context, s, parallel: null);
        DataParallel parallel;
        try
        {
            parallel = DataParallelLaunch.Join(launch, s.Device);
        }
        catch (ArgumentException e)
        {
            // A --device every rank was given: rank 0 says it for all.
            if (launch.Rank is null or 0) context.Error.WriteLine($"nfnet train: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DistributedException e)
        {
            // Without MPI the ranks cannot agree on anything: each says why it cannot start.
            context.Error.WriteLine($"nfnet train: rank {launch.Rank?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {e.Message}");
            return Failed;
        }
        using (parallel)
        {
            // Rank 0 speaks for the run; the other ranks only report their own failures.
            var rankContext = parallel.IsRoot ? context : context with { Out = TextWriter.Null };
            return Guarded(rankContext, s, parallel);
        }
    }

    // What every rank of a data-parallel run must agree on before anything is built: the options as given, and the
    // spec file's content (an edited copy on one node is another network).
    private static List<KeyValuePair<string, string>> Fingerprint(CliContext context, Settings s)
    {
        string Text<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "(none)";
        var list = new List<KeyValuePair<string, string>>
        {
            new("--variant", s.Variant), new("--spec", s.Spec ?? "(built-in)"), new("--data", s.Data), new("--image-size", Text(s.ImageSize)),
            new("--batch-size", Text(s.BatchSize)), new("--epochs", Text(s.Epochs)), new("--steps", Text(s.Steps)), new("--lr", Text(s.Lr)),
            new("--ema", Text(s.Ema)), new("--device", s.Device), new("--seed", Text(s.Seed)), new("--out", s.Out), new("--resume", Text(s.Resume)),
            new("--classes", Text(s.Classes)), new("--train-images", Text(s.TrainImages)), new("--held-out-images", Text(s.HeldOutImages)),
            new("--held-out", Text(s.HeldOutFraction)), new("--init", s.Init ?? "(none)"), new("--freeze", string.Join(",", s.Freeze)),
            new("--numerics", s.Numerics ?? "(default)"),
        };
        if (s.Spec is not null)
        {
            var path = Path.GetFullPath(s.Spec, context.WorkingDirectory);
            // Never throws: a missing spec is reported by the start-up checks that follow, on the rank that lacks it.
            string content;
            try
            {
                content = File.Exists(path) ? "sha256 " + TrainedWeights.Sha256(File.ReadAllText(path)) : "(no such file)";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                content = $"(unreadable: {e.Message})";
            }
            list.Add(new("spec file content", content));
        }
        return list;
    }

    // What the ranks built from those options: the same network and the same data, sample for sample.
    private static List<KeyValuePair<string, string>> Fingerprint(Network network, nn.Module model, DataSplit split) =>
    [
        new("network", network.Plan.Name),
        new("parameters", ParameterCount(model).ToString(CultureInfo.InvariantCulture)),
        new("training images", split.Train.Count.ToString(CultureInfo.InvariantCulture)),
        new("held-out images", split.HeldOut.Count.ToString(CultureInfo.InvariantCulture)),
        new("classes", string.Join(",", split.Train.ClassNames)),
    ];
}
