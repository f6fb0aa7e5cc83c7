using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Nfnet.Training.Weights;
using Xunit;

namespace Nfnet.Distributed.Tests.Mpi;

/// <summary>Launches that cannot train and a rank that dies: every rank ends, with one message, and the last checkpoint stays whole.</summary>
public class FaultTests
{
    private static readonly string[] Common = DataParallelTrainingTests.Common;

    private static string[] With(string option, string value) =>
        Common.Select((a, i) => i > 0 && Common[i - 1] == option ? value : a).ToArray();

    [MpiFact]
    public void Ranks_launched_with_different_options_all_stop_with_one_message_naming_the_option()
    {
        using var dir = DataParallelTrainingTests.Folder();
        // MPMD: rank 0 and rank 1 get different command lines.
        var run = Mpirun.Launch(dir.Path,
            ["-np", "1", "nfnet", "train", "--epochs", "1", "--out", "run", .. Common, ":", "-np", "1", "nfnet", "train", "--epochs", "1", "--out", "run", .. With("--batch-size", "4")]);
        Assert.NotEqual(0, run.Code);
        Assert.Single(Regex.Matches(run.Error, "launched differently"));
        Assert.Contains("nfnet train: rank 1 was launched differently from rank 0: --batch-size is '4' here but '8' on rank 0", run.Error);
        Assert.False(Directory.Exists(dir.File("run")), "nothing is written when the launch is refused");
    }

    [MpiFact]
    public void A_global_batch_that_does_not_split_over_the_ranks_is_refused_once()
    {
        using var dir = DataParallelTrainingTests.Folder();
        var run = Mpirun.Launch(dir.Path, ["-np", "2", "nfnet", "train", "--epochs", "1", "--out", "run", .. With("--batch-size", "7")]);
        Assert.NotEqual(0, run.Code);
        Assert.Single(Regex.Matches(run.Error, "nfnet train: "));
        Assert.Contains("nfnet train: --batch-size 7 does not split evenly over 2 ranks; use a multiple of 2", run.Error);
    }

    [MpiFact]
    public void A_rank_that_dies_ends_every_rank_and_the_last_checkpoint_stays_whole()
    {
        using var dir = DataParallelTrainingTests.Folder();
        var (mpirun, stdout, stderr, checkpoint) = StartLongRunUntilItCheckpoints(dir, settle: TimeSpan.FromSeconds(1));
        using var _ = mpirun;

        int victim = RankProcess(mpirun.Id, rank: 1);
        Process.GetProcessById(victim).Kill();
        Assert.True(mpirun.WaitForExit(TimeSpan.FromMinutes(2)), "mpirun did not end after rank 1 died");

        Assert.NotEqual(0, mpirun.ExitCode);
        Assert.Matches(@"rank 1 with PID \d+ on node \S+ exited on signal 9", stderr.Result);
        Assert.DoesNotContain("\nfinal:", stdout.Result);
        // The checkpoint is a complete one of an epoch end (the atomic write never leaves half a file under the name).
        using var content = SafetensorsFile.Read(checkpoint);
        Assert.Equal("nfnet-training-checkpoint/1", content.Metadata["format"]);
        long step = long.Parse(content.Metadata["step"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(step > 0 && step % 4 == 0, $"checkpoint at step {step}");
        Assert.Contains(content.Tensors.Keys, k => k.StartsWith("model.", StringComparison.Ordinal));
    }

    [MpiFact]
    public void Ctrl_C_to_mpirun_stops_every_rank_at_one_step_and_rank_0_checkpoints_it()
    {
        using var dir = DataParallelTrainingTests.Folder();
        var (mpirun, stdout, stderr, checkpoint) = StartLongRunUntilItCheckpoints(dir, settle: TimeSpan.FromMilliseconds(500));
        using var _ = mpirun;

        // What a terminal's Ctrl-C sends; mpirun passes it on to the ranks.
        using (var kill = Process.Start("kill", ["-INT", mpirun.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(mpirun.WaitForExit(TimeSpan.FromMinutes(2)), "mpirun did not end after Ctrl-C");

        var said = Regex.Match(stdout.Result, @"interrupted: checkpoint at step (\d+) written to ");
        Assert.True(said.Success, stdout.Result + stderr.Result);
        using var content = SafetensorsFile.Read(checkpoint);
        Assert.Equal(said.Groups[1].Value, content.Metadata["step"]);
    }

    // A 2-rank run long enough to be stopped mid-way (a checkpoint every 4 steps, for 400 epochs), once its first
    // checkpoint is written and a moment more has passed.
    private static (Process Mpirun, System.Threading.Tasks.Task<string> Stdout, System.Threading.Tasks.Task<string> Stderr, string Checkpoint)
        StartLongRunUntilItCheckpoints(TempDirectory dir, TimeSpan settle)
    {
        var mpirun = Mpirun.Start(dir.Path, ["-np", "2", "nfnet", "train", "--epochs", "400", "--out", "run", .. Common]);
        var stdout = mpirun.StandardOutput.ReadToEndAsync();
        var stderr = mpirun.StandardError.ReadToEndAsync();
        var checkpoint = dir.File("run/checkpoint.safetensors");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !mpirun.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(200);
        Assert.True(File.Exists(checkpoint), "no checkpoint appeared: " + (mpirun.HasExited ? stderr.Result : "timed out"));
        Thread.Sleep(settle);
        return (mpirun, stdout, stderr, checkpoint);
    }

    // The child of this mpirun whose environment says it is the given rank (other jobs on the machine are left alone).
    private static int RankProcess(int mpirun, int rank)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent != mpirun) continue;
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (environment.Contains($"OMPI_COMM_WORLD_RANK={rank}")) return pid;
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        throw new InvalidOperationException($"no rank {rank} among mpirun {mpirun}'s children");
    }
}
