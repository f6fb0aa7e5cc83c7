using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace Nfnet.Models.Tests.SignalPropagation;

/// <summary>`nfnet spp --spec FILE` measures a variant of the user's spec, built at run time.</summary>
public class SppSpecFileTests
{
    [Fact]
    public void A_variant_of_a_spec_file_is_measured_and_plotted()
    {
        var folder = Directory.CreateTempSubdirectory("nfnet-spp-spec-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "tiny.nfnet.yaml"),
                "variants:\n  T:\n    width: [16, 32]\n    depth: [1, 2]\n    groupWidth: 8\n    stem: [8]\n    numClasses: 4\n    trainImageSize: 32\n    testImageSize: 32\n");

            var result = CliRun.In(folder, "spp", "T", "--spec", "tiny.nfnet.yaml", "--out", "spp", "--batch", "2");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.True(File.Exists(Path.Combine(folder, "spp", "T-spp.png")));
            var rows = File.ReadAllLines(Path.Combine(folder, "spp", "T-spp.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(new[] { "stem", "stages.0.0", "stages.1.0", "stages.1.1" }, rows.Select(r => r[2]));
            // DeepMind's recurrence with α = 0.2: 1 after the stem, 1 + α² at each transition, + α² per further block.
            double[] dm = [1, 1.04, 1.04, 1.08];
            for (int i = 0; i < dm.Length; i++)
                Assert.Equal(dm[i], double.Parse(rows[i][4], CultureInfo.InvariantCulture), 9);

            var tooSmall = CliRun.In(folder, "spp", "T", "--spec", "tiny.nfnet.yaml", "--out", "spp", "--image-size", "4");
            Assert.Equal(2, tooSmall.ExitCode);
            Assert.Equal("nfnet spp: --image-size 4 is smaller than T's total stride 8; use at least 8\n", tooSmall.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
