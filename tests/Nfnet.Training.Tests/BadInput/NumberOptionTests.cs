using Nfnet.Cli;
using Xunit;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Malformed and out-of-range numbers are usage errors (exit 2) that name the option, found before any work starts.</summary>
public class NumberOptionTests
{
    [Theory]
    [InlineData("nfnet train: --epochs must be a whole number, got 'abc'", "train", "--epochs", "abc")]
    [InlineData("nfnet train: --seed must be a whole number from -9223372036854775808 to 9223372036854775807, got '99999999999999999999'", "train", "--seed", "99999999999999999999")]
    [InlineData("nfnet train: --batch-size must be a whole number, got '1.5'", "train", "--batch-size", "1.5")]
    [InlineData("nfnet train: --lr must be a number, got 'fast'", "train", "--lr", "fast")]
    [InlineData("nfnet train: --steps must be a whole number, got 'abc'", "train", "--steps", "abc")]
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
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, args, message);
        // One line: no second, false complaint about the value's range, and no help screen.
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Every_bad_number_is_reported_at_once()
    {
        using var dir = new TempDirectory();
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, ["train", "--epochs", "abc", "--batch-size", "0"],
            "nfnet train: --epochs must be a whole number, got 'abc'", "nfnet train: --batch-size must be at least 1, got 0");
        Assert.Equal(2, error.TrimEnd('\n').Split('\n').Length);
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
