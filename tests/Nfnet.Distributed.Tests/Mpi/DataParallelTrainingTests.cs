using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Nfnet.Training.Weights;
using Xunit;
using Xunit.Abstractions;

namespace Nfnet.Distributed.Tests.Mpi;

/// <summary>`mpirun -np 2 nfnet train` against one process with the same global batch, on a spec small enough for seconds.</summary>
public class DataParallelTrainingTests(ITestOutputHelper output)
{
    // Dropout and stochastic depth draw different masks per rank by design; without them the two runs compute the same function.
    internal const string Spec = """
        namespace: Tiny
        variants:
          T:
            width: [16, 32]
            depth: [1, 2]
            groupWidth: 8
            stem: [8]
            stochasticDepthRate: 0
            dropRate: 0
            trainImageSize: 32
            testImageSize: 32
            numClasses: 4
        """;

    internal static readonly string[] Common =
        ["--spec", "tiny.nfnet.yaml", "--variant", "T", "--image-size", "16", "--batch-size", "8", "--train-images", "32", "--held-out-images", "8"];

    internal static TempDirectory Folder()
    {
        var dir = new TempDirectory();
        File.WriteAllText(dir.File("tiny.nfnet.yaml"), Spec);
        return dir;
    }

    /// <summary>
    /// The tolerance, from float32 summation order. The two runs differ only in how sums are grouped: one process adds
    /// each weight gradient's B·H·W per-position terms in one reduction, two ranks add two halves and MPI adds the halves
    /// (the mean's division by 4 instead of 8 and the loss scale ½ are exact). Each step the weight update lr·d moves by lr × (a
    /// relative 2γₙ ≈ 2n·2⁻²⁴ of d, n ≤ 512 terms here, about 6e-5) — about 1e-7 with lr ≈ 3e-3 and |d| ≲ 1 — which is
    /// below 2 ulps of a weight under 2 in magnitude (2·2⁻²³ ≈ 2.4e-7). Over few steps the differences add rather than
    /// grow, so k steps stay within k·2 ulps.
    /// </summary>
    internal static double Tolerance(int steps) => steps * 2 * Math.Pow(2, -23);

    [MpiFact]
    public void Two_ranks_end_with_the_weights_of_one_process_also_across_a_resume()
    {
        using var dir = Folder();
        var first = Mpirun.Launch(dir.Path, ["-np", "2", "nfnet", "train", "--epochs", "1", "--out", "two", .. Common]);
        Assert.True(first.Code == 0, first.Error);
        Assert.Matches(@"^nfnet train: T \([\d,]+ parameters\) at 16×16 on cpu, data-parallel over 2 ranks \(MPI\), 1 thread each; data: ", first.Out);
        // Rank 0 alone speaks: one closing line, one list of files.
        Assert.Single(Regex.Matches(first.Out, "^final: held-out", RegexOptions.Multiline));
        Assert.Contains("data-parallel: gradient all-reduce ", first.Out);
        // Every rank resumes from rank 0's checkpoint, and the run lengthens to 2 epochs.
        var resumed = Mpirun.Launch(dir.Path, ["-np", "2", "nfnet", "train", "--epochs", "2", "--resume", "--out", "two", .. Common]);
        Assert.True(resumed.Code == 0, resumed.Error);
        Assert.Contains("resuming at step 4", resumed.Out);

        // One process takes the same path: 1 epoch, then lengthened to 2 (which recomputes the cosine to the new end).
        var alone = Mpirun.Alone(dir.Path, ["train", "--epochs", "1", "--out", "one", .. Common]);
        Assert.True(alone.Code == 0, alone.Error);
        Assert.DoesNotContain("data-parallel", alone.Out);
        var aloneResumed = Mpirun.Alone(dir.Path, ["train", "--epochs", "2", "--resume", "--out", "one", .. Common]);
        Assert.True(aloneResumed.Code == 0, aloneResumed.Error);

        using var one = SafetensorsFile.Read(dir.File("one/model.safetensors"));
        using var two = SafetensorsFile.Read(dir.File("two/model.safetensors"));
        Assert.Equal(one.Tensors.Keys.Order(), two.Tensors.Keys.Order());
        double largest = one.Tensors.Values.Max(t => t.abs().max().item<float>());
        Assert.True(largest < 2, $"the ulp bound assumes weights under 2 in magnitude; the largest is {largest}");
        double difference = one.Tensors.Max(p => (p.Value - two.Tensors[p.Key]).abs().max().item<float>());
        output.WriteLine($"max |Δw| after 8 steps: {difference:E3} (tolerance {Tolerance(8):E3}, largest |w| {largest:F3})");
        Assert.True(difference <= Tolerance(8), $"max |Δw| {difference:E3} exceeds {Tolerance(8):E3}");
        // The runs trained: the weights moved from the same start, so equality is not that of two untouched models.
        Assert.Equal("8", two.Metadata["steps"]);

        // The logged per-step losses are the global batch's, as one process logs them.
        var lossesOne = Losses(dir.File("one/steps.csv"));
        var lossesTwo = Losses(dir.File("two/steps.csv"));
        Assert.Equal(8, lossesOne.Length);
        Assert.Equal(lossesOne.Length, lossesTwo.Length);
        for (int i = 0; i < lossesOne.Length; i++) Assert.Equal(lossesOne[i], lossesTwo[i], 1e-4);
    }

    private static double[] Losses(string stepsCsv) =>
        File.ReadAllLines(stepsCsv).Skip(1).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
