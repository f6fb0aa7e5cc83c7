using System;
using System.Globalization;
using System.IO;
using Nfnet.Training.Training;
using Spectre.Console;

namespace Nfnet.Training.Reporting;

/// <summary>
/// Shows a run on the console: on a terminal, a Spectre.Console progress bar per epoch whose label carries loss,
/// accuracy, learning rate and images/s; when output is redirected (logs, CI), one plain line per epoch instead,
/// because a live display would fill the log with redraws.
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Runs <paramref name="body"/> with an observer that displays on <paramref name="output"/>.</summary>
    public static T Run<T>(TextWriter output, bool interactive, Func<ITrainingObserver, T> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(body);
        if (!interactive) return body(new LineObserver(output));

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => body(new LiveObserver(context, console)));
    }

    private sealed class LineObserver(TextWriter output) : ITrainingObserver
    {
        private int _epochs;

        public void RunStarted(RunInfo info)
        {
            _epochs = info.Epochs;
            output.WriteLine(RunText(info));
        }

        public void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone)
        {
        }

        public void StepCompleted(StepMetrics metrics)
        {
        }

        public void EpochCompleted(EpochMetrics metrics) => output.WriteLine(MetricsText.Epoch(metrics, _epochs));

        public void CheckpointWritten(string path, long step, bool interrupted)
        {
            if (interrupted) output.WriteLine($"interrupted: checkpoint at step {step} written to {path}; continue with --resume");
        }
    }

    /// <summary>
    /// One bar per epoch whose text stays short enough for an 80-column terminal (epoch, step loss and accuracy);
    /// each finished epoch's full metrics line is written above the bars, as in the redirected output.
    /// </summary>
    private sealed class LiveObserver(ProgressContext context, IAnsiConsole console) : ITrainingObserver
    {
        private ProgressTask? _task;
        private int _epochs;

        public void RunStarted(RunInfo info)
        {
            _epochs = info.Epochs;
            console.WriteLine(RunText(info));
        }

        public void EpochStarted(int epoch, int stepsInEpoch, int stepsAlreadyDone)
        {
            _task = context.AddTask(Markup.Escape($"epoch {epoch + 1}/{_epochs}"), maxValue: stepsInEpoch);
            _task.Value = stepsAlreadyDone;
        }

        public void StepCompleted(StepMetrics metrics)
        {
            if (_task is null) return;
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"epoch {metrics.Epoch + 1}/{_epochs}  loss {metrics.Loss:F3}  acc {metrics.Accuracy * 100:F0}%"));
            _task.Increment(1);
        }

        public void EpochCompleted(EpochMetrics metrics)
        {
            if (_task is null) return;
            _task.Description = Markup.Escape($"epoch {metrics.Epoch + 1}/{_epochs}  done");
            console.WriteLine(MetricsText.Epoch(metrics, _epochs));
            context.Refresh();
        }

        public void CheckpointWritten(string path, long step, bool interrupted)
        {
            if (interrupted && _task is not null)
            {
                _task.Description = Markup.Escape($"interrupted at step {step}");
                console.WriteLine($"interrupted: checkpoint at step {step} written to {path}; continue with --resume");
            }
        }
    }

    private static string RunText(RunInfo info)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{info.TrainImages} training / {info.HeldOutImages} held-out images; {info.TotalSteps} steps ({info.StepsPerEpoch} per epoch), warmup {info.WarmupSteps}, peak lr {MetricsText.LearningRate(info.PeakLearningRate)}");
        if (info.ExtendedFrom is { } before)
            text += $"; resuming at step {info.StartStep}, extended from {before} steps (the cosine now ends at step {info.TotalSteps})";
        else if (info.StartStep > 0)
            text += $"; resuming at step {info.StartStep}";
        return text;
    }
}
