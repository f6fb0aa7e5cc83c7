using Nfnet.Cli;
using Xunit;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Malformed and out-of-range numbers are usage errors (exit 2) that name the option, found before any work starts.</summary>
public class NumberOptionTests
{
    [Theory]
    [InlineData("Cannot parse argument 'abc' for option '--epochs'", "train", "--epochs", "abc")]
    [InlineData("Cannot parse argument '99999999999999999999' for option '--seed'", "train", "--seed", "99999999999999999999")]
    [InlineData("Cannot parse argument '1.5' for option '--batch-size'", "train", "--batch-size", "1.5")]
    [InlineData("--batch-size must be at least 1, got 0", "train", "--batch-size", "0")]
    [InlineData("--epochs must be at least 1, got -1", "train", "--epochs", "-1")]
    [InlineData("--steps must be at least 2 (one warmup step and one decay step), got 0", "train", "--steps", "0")]
    [InlineData("--lr must be a finite number above 0, got -0.1", "train", "--lr", "-0.1")]
    [InlineData("--lr must be a finite number above 0, got NaN", "train", "--lr", "NaN")]
    [InlineData("--ema must be a number in (0, 1), got 1", "train", "--ema", "1")]
    [InlineData("--held-out must be a number in (0, 1), got 0", "train", "--held-out", "0")]
    [InlineData("--classes must be a number in [2, 8], got 9", "train", "--classes", "9")]
    [InlineData("--train-images must be at least 1, got 0", "train", "--train-images", "0")]
    [InlineData("--image-size must be at least 1, got 0", "train", "--image-size", "0")]
    [InlineData("--batch-size must be at least 1, got -4", "evaluate", "--weights", "w", "--data", "synthetic", "--batch-size", "-4")]
    [InlineData("--image-size must be at least 1, got -1", "predict", "--weights", "w", "x.png", "--image-size", "-1")]
    public void A_bad_number_is_a_usage_error_naming_the_option(string message, params string[] args)
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, args, message);
    }

    [Fact]
    public void An_image_size_below_the_total_stride_is_refused_before_training()
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "train", "--image-size", "7", "--out", "run" },
            "nfnet train: --image-size 7 is smaller than F0's total stride 32; use at least 32");
        Assert.False(System.IO.Directory.Exists(dir.File("run")));
    }
}
