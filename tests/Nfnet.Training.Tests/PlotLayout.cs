using System.Linq;
using ScottPlot;
using Xunit;

namespace Nfnet.Training.Tests;

/// <summary>Checks on a rendered ScottPlot figure.</summary>
internal static class PlotLayout
{
    /// <summary>
    /// The legend inside the data area is hidden and a legend panel on an edge of the figure shows the items instead,
    /// and every data point of every scatter was drawn inside the data area, so the legend covers none of them.
    /// </summary>
    public static void AssertLegendOutsideTheData(Plot plot)
    {
        Assert.False(plot.Legend.IsVisible);
        Assert.Contains(plot.Axes.GetPanels(), p => p is ScottPlot.Panels.LegendPanel);
        var area = plot.RenderManager.LastRender.DataRect;
        foreach (var scatter in plot.GetPlottables<ScottPlot.Plottables.Scatter>())
            foreach (var point in scatter.Data.GetScatterPoints())
            {
                var pixel = plot.GetPixel(point, scatter.Axes.XAxis, scatter.Axes.YAxis);
                Assert.True(area.Contains(pixel), $"{scatter.LegendText} point {point} at {pixel} is outside the data area {area}");
            }
    }
}
