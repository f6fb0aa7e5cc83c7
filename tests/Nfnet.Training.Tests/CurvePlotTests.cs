using System.Linq;
using Nfnet.Training.Reporting;
using ScottPlot;
using Xunit;

namespace Nfnet.Training.Tests;

public class CurvePlotTests
{
    [Fact]
    public void The_legend_is_outside_the_data_area_and_the_title_names_the_run()
    {
        // steps.csv rows: step, epoch, loss, running_loss, running_acc, lr; metrics.csv rows: epoch, step, train_loss, train_acc, val_loss, val_top1, ...
        var steps = Enumerable.Range(0, 8).Select(i => new double[] { i, 1 + i / 4, 1.4 - 0.05 * i, 1.4, 0.1 * i, 0.01 }).ToList();
        var epochs = new[] { new double[] { 1, 4, 1.3, 0.3, 1.2, 0.5, 1 }, new double[] { 2, 8, 1.1, 0.6, 1.0, 0.9, 1 } };

        var plot = CurvePlot.Build(steps, epochs, "T on built-in synthetic shapes (4 classes), 16×16, batch 8");
        plot.GetImageBytes(900, 500, ImageFormat.Png);

        Assert.Equal("T on built-in synthetic shapes (4 classes), 16×16, batch 8", plot.Axes.Title.Label.Text);
        PlotLayout.AssertLegendOutsideTheData(plot);
    }
}
