using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace Nfnet.Models.Tests.SignalPropagation;

public class SppCommandTests : IClassFixture<F0Measurement>, IDisposable
{
    private readonly F0Measurement _m;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nfnet-spp-" + Guid.NewGuid().ToString("N"));

    public SppCommandTests(F0Measurement measurement) => _m = measurement;

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Writes_a_png_plot_and_a_csv_of_the_measured_and_expected_curves()
    {
        var result = CliRun.Run("spp", "F0", "--out", _folder, "--image-size", F0Measurement.ImageSize.ToString(CultureInfo.InvariantCulture),
            "--batch", F0Measurement.Batch.ToString(CultureInfo.InvariantCulture), "--seed", F0Measurement.Seed.ToString(CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.Error);

        var png = File.ReadAllBytes(Path.Combine(_folder, "F0-spp.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(900, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(560, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

        var lines = File.ReadAllLines(Path.Combine(_folder, "F0-spp.csv"));
        Assert.Equal("index,stage,name,transition,dm_expected_variance,mean_field_variance,measured_variance,measured_mean_sq,branch_variance", lines[0]);
        Assert.Equal(1 + 12, lines.Length - 1);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal("stem", rows[0][2]);
        Assert.Equal("stages.3.2", rows[12][2]);

        // DeepMind's recurrence, by hand: stem 1; per stage 1 + α², 1 + 2α², ...
        double[] dm = { 1, 1.04, 1.04, 1.08, 1.04, 1.08, 1.12, 1.16, 1.20, 1.24, 1.04, 1.08, 1.12 };
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(dm[i], Parse(rows[i][4]), 9);
            // Same seed, same construction order: the CLI measured exactly what the test fixture measured.
            Assert.Equal(_m.Variance[i], Parse(rows[i][6]), 4);
            Assert.InRange(Parse(rows[i][6]) / _m.Variance[i], 0.9999, 1.0001);
        }

        // The CLI's mean-field column agrees with this project's independent scalar computation.
        double q = MeanFieldTheory.StemOutput();
        Assert.InRange(Parse(rows[0][5]) / q, 0.9999, 1.0001);
        for (int i = 0; i < 12; i++)
        {
            var (stage, index) = F0Measurement.Blocks[i];
            int stride = index == 0 ? new[] { 1, 2, 2, 2 }[stage] : 1;
            q = MeanFieldTheory.BlockOutput(q, F0Measurement.Betas[i], F0Measurement.Alpha, stride, index == 0, _m.Sizes[i], MeanFieldTheory.Borders.Ignored);
            Assert.InRange(Parse(rows[i + 1][5]) / q, 0.9999, 1.0001);
        }
    }

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
