using Nfnet.Cli;
using Xunit;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Every command that names a variant rejects a wrong name the same way: a suggestion, the list, exit 2, before any model is built.</summary>
public class VariantNameTests
{
    private const string Expected = "nfnet: unknown variant 'f0'; did you mean 'F0'? Known variants: F0, ";

    [Theory]
    [InlineData("inspect", "f0")]
    [InlineData("spp", "f0", "--out", "spp")]
    [InlineData("train", "--variant", "f0")]
    [InlineData("evaluate", "--variant", "f0", "--weights", "missing.safetensors", "--data", "synthetic")]
    [InlineData("predict", "--variant", "f0", "--weights", "missing.safetensors", "image.png")]
    public void A_miscased_built_in_name_is_refused_with_a_suggestion(params string[] args)
    {
        using var dir = new TempDirectory();
        // predict checks its images first; give it one so the variant is what fails.
        System.IO.File.WriteAllText(dir.File("image.png"), "");
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, args, Expected, "F7+");
        // evaluate and predict also say the weights are missing: two independent mistakes, both reported.
        Assert.Equal(args[0] is "evaluate" or "predict" ? 2 : 1, error.Trim().Split('\n').Length);
    }

    [Fact]
    public void A_name_far_from_every_variant_lists_them_without_a_guess()
    {
        using var dir = new TempDirectory();
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "train", "--variant", "mobilenet" },
            "nfnet: unknown variant 'mobilenet'. Known variants: F0");
        Assert.DoesNotContain("did you mean", error);
    }

    [Fact]
    public void A_timm_name_without_its_prefix_finds_the_timm_variant()
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "train", "--variant", "resnet50" },
            "nfnet: unknown variant 'resnet50'; did you mean 'nf_resnet50'?");
    }

    [Fact]
    public void A_name_missing_from_a_user_spec_is_checked_against_that_spec()
    {
        using var dir = new TempDirectory();
        TinySpec.WriteTo(dir.Path);
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "train", "--spec", "tiny.nfnet.yaml", "--variant", "t" },
            "nfnet: unknown variant 't'; did you mean 'T'? Known variants: T");
        Assert.DoesNotContain("F0", error);
    }
}
