using System.Linq;
using Nfnet.Analysis.Spp;
using Xunit;

namespace Nfnet.Analysis.Tests;

public class SppPlotTests
{
    [Fact]
    public void The_legend_leaves_deepminds_line_and_every_point_uncovered()
    {
        // DeepMind's expected variance sits near log10 1 = 0, at the top of the plot where the legend used to be drawn.
        var rows = Enumerable.Range(0, 13).Select(i => new SignalRow(i, i == 0 ? -1 : i / 4, i == 0 ? "stem" : $"stages.{i / 4}.{i % 4}", i % 4 == 1,
            1 + 0.04 * (i % 4), 1.0 / (1 << (i / 4)), 1.0 / (1 << (i / 4)), 0.004, double.NaN)).ToList();

        var plot = SppPlot.Build("F0 at init", rows);
        plot.GetImageBytes(SppPlot.Width, SppPlot.Height, ScottPlot.ImageFormat.Png);

        Assert.Equal("F0 at init", plot.Axes.Title.Label.Text);
        PlotLayout.AssertLegendOutsideTheData(plot);
    }
}
