using System.Globalization;
using Nfnet.Training.Training;

namespace Nfnet.Training.Reporting;

/// <summary>The one-line summaries the console shows, shared by the progress bar and the plain-text output.</summary>
public static class MetricsText
{
    /// <summary>
    /// A learning rate, always in one notation: scientific with <paramref name="significant"/> digits and a lowercase
    /// exponent ("6.25e-03", "7.65e-05", "1.00e-01"), on the console (3 digits) and in the CSV files (6), so rates of
    /// every size line up and compare at a glance.
    /// </summary>
    public static string LearningRate(double lr, int significant = 3) =>
        lr.ToString("0." + new string('0', significant - 1) + "e+00", CultureInfo.InvariantCulture);

    /// <summary>"loss 1.234  acc 45.2%  lr 6.25e-03  38.1 img/s".</summary>
    public static string Step(StepMetrics m) =>
        string.Create(CultureInfo.InvariantCulture, $"loss {m.Loss:F3}  acc {m.Accuracy * 100:F1}%  lr {LearningRate(m.LearningRate)}  {m.ImagesPerSecond:F1} img/s");

    /// <summary>Training and held-out metrics of an epoch.</summary>
    public static string Epoch(EpochMetrics m, int epochs)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch + 1}/{epochs}  loss {m.TrainLoss:F3}  acc {m.TrainAccuracy * 100:F1}%  held-out {HeldOut(m.HeldOut)}");
        if (m.HeldOutEma is { } ema) text += "  ema " + HeldOut(ema);
        return text + string.Create(CultureInfo.InvariantCulture, $"  lr {LearningRate(m.LearningRate)}  {m.ImagesPerSecond:F1} img/s  {m.Seconds:F0} s");
    }

    /// <summary>"loss 0.812 top-1 75.0% top-5 100.0%" (top-k is top-4 etc. with fewer than five classes).</summary>
    public static string HeldOut(EvaluationResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"loss {r.Loss:F3} top-1 {r.Top1 * 100:F1}% top-{r.TopK} {r.Top5 * 100:F1}%");
}
