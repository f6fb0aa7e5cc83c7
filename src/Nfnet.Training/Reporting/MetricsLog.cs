using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Nfnet.Training.Training;

namespace Nfnet.Training.Reporting;

/// <summary>
/// Writes metrics.csv (one row per epoch) and steps.csv (one row per step) in the run directory and redraws the
/// curve plot after every epoch. On resume, rows after the checkpoint's step are dropped first: the interrupted run
/// may have logged steps the checkpoint does not contain, and the resumed run repeats them.
/// </summary>
public sealed class MetricsLog : ITrainingObserver
{
    /// <summary>Header of metrics.csv.</summary>
    public const string EpochHeader = "epoch,step,train_loss,train_acc,val_loss,val_top1,val_top5,ema_val_top1,ema_val_top5,lr,images_per_s,seconds";

    /// <summary>Header of steps.csv.</summary>
    public const string StepHeader = "step,epoch,loss,running_loss,running_acc,lr";

    private readonly string _directory;
    private readonly string _title;

    /// <summary>Logs into <paramref name="directory"/>; <paramref name="title"/> heads the plot (say which variant on which data).</summary>
    public MetricsLog(string directory, string title = CurvePlot.DefaultTitle)
    {
        _directory = directory;
        _title = title;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Path of metrics.csv.</summary>
    public string EpochFile => Path.Combine(_directory, "metrics.csv");

    /// <summary>Path of steps.csv.</summary>
    public string StepFile => Path.Combine(_directory, "steps.csv");

    /// <summary>Path of the plot.</summary>
    public string PlotFile => Path.Combine(_directory, "curves.png");

    /// <inheritdoc/>
    public void RunStarted(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        // Step rows are 0-based steps; epoch rows carry the step count after the epoch.
        Truncate(EpochFile, EpochHeader, stepColumn: 1, keep: s => s <= info.StartStep);
        Truncate(StepFile, StepHeader, stepColumn: 0, keep: s => s < info.StartStep);
    }

    /// <inheritdoc/>
    public void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone)
    {
    }

    /// <inheritdoc/>
    public void StepCompleted(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        // Epochs are 1-based, as the console numbers them ("epoch 1/3"); steps stay 0-based indexes.
        File.AppendAllText(StepFile, Csv(metrics.Step, metrics.Epoch + 1, metrics.BatchLoss, metrics.Loss, metrics.Accuracy, Rate(metrics.LearningRate)) + "\n");
    }

    /// <inheritdoc/>
    public void EpochCompleted(EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        File.AppendAllText(EpochFile, Csv(metrics.Epoch + 1, metrics.Step, metrics.TrainLoss, metrics.TrainAccuracy, metrics.HeldOut.Loss, metrics.HeldOut.Top1,
            metrics.HeldOut.Top5, metrics.HeldOutEma?.Top1, metrics.HeldOutEma?.Top5, Rate(metrics.LearningRate), metrics.ImagesPerSecond, metrics.Seconds) + "\n");
        CurvePlot.Write(PlotFile, ReadRows(StepFile), ReadRows(EpochFile), title: _title);
    }

    /// <inheritdoc/>
    public void CheckpointWritten(string path, long step, bool interrupted)
    {
    }

    /// <summary>The numeric rows of a CSV file written by this class (empty cells read as NaN).</summary>
    public static IReadOnlyList<double[]> ReadRows(string path)
    {
        if (!File.Exists(path)) return Array.Empty<double[]>();
        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(c => c.Length == 0 ? double.NaN : double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
    }

    // The console's notation with six digits (a string, so Csv writes it as is).
    private static string Rate(double lr) => MetricsText.LearningRate(lr, significant: 6);

    private static string Csv(params object?[] values) =>
        string.Join(",", values.Select(v => v switch
        {
            null => "",
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));

    private static void Truncate(string path, string header, int stepColumn, Func<long, bool> keep)
    {
        var kept = new List<string> { header };
        if (File.Exists(path))
        {
            kept.AddRange(File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
                .Where(l => keep(long.Parse(l.Split(',')[stepColumn], CultureInfo.InvariantCulture))));
        }
        File.WriteAllLines(path, kept);
    }
}
