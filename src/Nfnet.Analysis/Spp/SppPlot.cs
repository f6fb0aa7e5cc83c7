using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Nfnet.Analysis.Spp;

/// <summary>
/// Draws the SPP as in arXiv 2101.08692 (average channel variance and squared mean against depth), plus the two
/// analytic curves. The y axis is log10: strided transitions divide the variance by about 4, so a linear axis would
/// flatten every stage after the first. The legend sits below the data area, where it covers no curve.
/// </summary>
public static class SppPlot
{
    public const int Width = 900;
    public const int Height = 560;

    public static void SavePng(string path, string title, IReadOnlyList<SignalRow> rows) => Build(title, rows).SavePng(path, Width, Height);

    /// <summary>The plot <see cref="SavePng"/> renders.</summary>
    public static Plot Build(string title, IReadOnlyList<SignalRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var xs = rows.Select(r => (double)r.Index).ToArray();
        var plot = new Plot();

        var dm = plot.Add.Scatter(xs, Log10(rows.Select(r => r.DmExpectedVariance)));
        dm.LegendText = "DeepMind expected variance (what β undoes)";
        dm.LinePattern = LinePattern.Dashed;
        dm.MarkerSize = 0;

        var meanField = plot.Add.Scatter(xs, Log10(rows.Select(r => r.MeanFieldVariance)));
        meanField.LegendText = "mean-field prediction (with 2×2 avg-pool shortcut)";
        meanField.MarkerSize = 0;

        var measured = plot.Add.Scatter(xs, Log10(rows.Select(r => r.MeasuredVariance)));
        measured.LegendText = "measured average channel variance";
        measured.LineWidth = 0;
        measured.MarkerSize = 8;

        var meanSquare = plot.Add.Scatter(xs, Log10(rows.Select(r => r.MeasuredMeanSquare)));
        meanSquare.LegendText = "measured average channel squared mean";
        meanSquare.LineWidth = 0;
        meanSquare.MarkerShape = MarkerShape.OpenCircle;
        meanSquare.MarkerSize = 7;

        foreach (var transition in rows.Where(r => r.IsTransition))
        {
            var line = plot.Add.VerticalLine(transition.Index - 0.5);
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 1;
        }

        plot.Title(title);
        plot.XLabel("residual stream after the stem (0) and after block i");
        plot.YLabel("log10 of the statistic");
        // Inside the data area it hid DeepMind's line; below it, it hides nothing.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static double[] Log10(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();
}
