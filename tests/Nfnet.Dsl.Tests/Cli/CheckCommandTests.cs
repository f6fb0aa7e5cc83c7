using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

public class CheckCommandTests
{
    [Fact]
    public void ShippedSpecsAreClean()
    {
        var result = CliRun.Shipped("check", "specs");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("5 files, 52 variants, 0 errors, 0 warnings", lines[^1]);
        // Notes only: timm's own NF-RegNet-B2 and B5 image sizes (240/272 and 456) are not multiples of 32.
        Assert.Equal(
            ["specs/timm-nf-regnet.nfnet.yaml(34,180): info NFN014", "specs/timm-nf-regnet.nfnet.yaml(34,200): info NFN014", "specs/timm-nf-regnet.nfnet.yaml(37,202): info NFN014"],
            lines[..^1].Select(l => l.Substring(0, l.IndexOf("NFN014", System.StringComparison.Ordinal) + 6)));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void NoPathMeansTheSpecsFolder()
    {
        var result = CliRun.Shipped("check");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("5 files, 52 variants, 0 errors, 0 warnings\n", result.Out);
    }

    [Fact]
    public void ErrorIsPrintedInCanonicalFormWithARelativePathAndExitsOne()
    {
        using var folder = new TempSpecFolder();
        folder.Write("nested/zero.nfnet.yaml", CliSpecs.ZeroDepth);

        var result = CliRun.In(folder.Root, "check", "nested");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("nested/zero.nfnet.yaml(4,16): error NFN006: ", lines[0]);
        Assert.Equal("1 file, 0 variants, 1 error, 0 warnings", lines[1]);
    }

    [Fact]
    public void NotesArePrintedButNeitherCountedNorFailing()
    {
        using var folder = new TempSpecFolder();
        folder.Write("odd.nfnet.yaml", CliSpecs.OddTestSize);

        var result = CliRun.In(folder.Root, "check", "odd.nfnet.yaml");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("odd.nfnet.yaml(6,20): info NFN014: ", lines[0]);
        Assert.Equal("1 file, 1 variant, 0 errors, 0 warnings", lines[1]);
    }

    [Fact]
    public void WarningsAreReportedAndCountedButDoNotFail()
    {
        using var folder = new TempSpecFolder();
        folder.Write("empty.nfnet.yaml", "variants: {}\n");

        var result = CliRun.In(folder.Root, "check", "empty.nfnet.yaml");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("empty.nfnet.yaml(1,1): warning NFN016: ", lines[0]);
        Assert.Equal("1 file, 0 variants, 0 errors, 1 warning", lines[1]);
    }

    [Fact]
    public void OneBrokenFileAmongGoodOnesStillFailsAndCountsAll()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a/good.nfnet.yaml", Specs.ShippedText);
        folder.Write("b/zero.nfnet.yaml", CliSpecs.ZeroDepth);

        var result = CliRun.In(folder.Root, "check", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("b/zero.nfnet.yaml(4,16): error NFN006: ", result.Out);
        Assert.EndsWith("2 files, 16 variants, 1 error, 0 warnings\n", result.Out);
    }

    [Fact]
    public void The_five_mistake_variant_reports_five_located_errors_in_one_run()
    {
        using var folder = new TempSpecFolder();
        folder.Write("five.nfnet.yaml", "variants:\n  Five:\n    width: [64, 128, 256]\n    depth: [1, 1, 1]\n    groupWidth: 16\n"
            + "    trainImageSize: \"64\"\n    activation: swish\n    alpha: 3.5\n    stride: [1, 3, 2]\n    dropRate: 1.5\n");

        var result = CliRun.In(folder.Root, "check", "five.nfnet.yaml");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(
            ["five.nfnet.yaml(6,21): error NFN003", "five.nfnet.yaml(7,17): error NFN008", "five.nfnet.yaml(8,12): error NFN009",
             "five.nfnet.yaml(9,17): error NFN009", "five.nfnet.yaml(10,15): error NFN009"],
            lines[..^1].Select(l => l.Substring(0, l.IndexOf(": ", l.IndexOf(": ", System.StringComparison.Ordinal) + 2, System.StringComparison.Ordinal))));
        Assert.Equal("1 file, 0 variants, 5 errors, 0 warnings", lines[^1]);
    }
}
