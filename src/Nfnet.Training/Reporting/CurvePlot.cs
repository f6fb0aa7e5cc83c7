using System.Collections.Generic;
using System.Linq;
using Nfnet.Training.Weights;
using ScottPlot;

namespace Nfnet.Training.Reporting;

/// <summary>
/// The run's loss and accuracy curves as a PNG: training loss per step and held-out loss per epoch on the left axis,
/// running training accuracy and held-out top-1 on the right axis (0–1), against the step. The legend sits below the
/// data area, so it never covers a curve or a held-out point, and the title names the run.
/// </summary>
public static class CurvePlot
{
    /// <summary>The title of a run without a description.</summary>
    public const string DefaultTitle = "NFNet training";

    /// <summary>Draws <paramref name="stepRows"/> (steps.csv) and <paramref name="epochRows"/> (metrics.csv) into <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<double[]> stepRows, IReadOnlyList<double[]> epochRows, int width = 900, int height = 500,
        string title = DefaultTitle)
    {
        var plot = Build(stepRows, epochRows, title);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>The plot <see cref="Write"/> renders, for callers that render it elsewhere.</summary>
    public static Plot Build(IReadOnlyList<double[]> stepRows, IReadOnlyList<double[]> epochRows, string title = DefaultTitle)
    {
        System.ArgumentNullException.ThrowIfNull(stepRows);
        System.ArgumentNullException.ThrowIfNull(epochRows);
        var plot = new Plot();
        // Steps are 0-based; plotting step + 1 puts an epoch's end-of-epoch row (which records the step count) on its last step.
        var steps = stepRows.Select(r => r[0] + 1).ToArray();
        var epochSteps = epochRows.Select(r => r[1]).ToArray();

        if (steps.Length > 0)
        {
            var loss = plot.Add.ScatterLine(steps, stepRows.Select(r => r[2]).ToArray());
            loss.LegendText = "train loss (batch)";
            loss.LineWidth = 1;
            var accuracy = plot.Add.ScatterLine(steps, stepRows.Select(r => r[4]).ToArray());
            accuracy.LegendText = "train accuracy (epoch so far)";
            accuracy.Axes.YAxis = plot.Axes.Right;
        }
        if (epochSteps.Length > 0)
        {
            var heldOutLoss = plot.Add.Scatter(epochSteps, epochRows.Select(r => r[4]).ToArray());
            heldOutLoss.LegendText = "held-out loss";
            heldOutLoss.MarkerSize = 8;
            var heldOutTop1 = plot.Add.Scatter(epochSteps, epochRows.Select(r => r[5]).ToArray());
            heldOutTop1.LegendText = "held-out top-1";
            heldOutTop1.MarkerSize = 8;
            heldOutTop1.Axes.YAxis = plot.Axes.Right;
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Right.Label.Text = "accuracy";
        plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        // Outside the data area: inside, wherever it went, some run's points would fall under it.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
