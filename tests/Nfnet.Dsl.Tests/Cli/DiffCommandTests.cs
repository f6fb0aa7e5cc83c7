using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>`nfnet diff OLD NEW` on files and folders, as a reviewer runs it.</summary>
public class DiffCommandTests
{
    private const string Spec = "variants:\n  F0:\n    width: [256, 512]\n    depth: [1, 2]\n    trainImageSize: 192\n    testImageSize: 256\n";

    [Fact]
    public void Shipped_specs_against_a_copy_with_one_depth_changed()
    {
        using var folder = new TempSpecFolder();
        var shipped = System.IO.File.ReadAllText(System.IO.Path.Combine(CliRun.OutputFolder, "specs", "nfnet.nfnet.yaml"));
        folder.Write("new/nfnet.nfnet.yaml", shipped.Replace("    depth: [1, 2, 6, 3]\n", "    depth: [1, 2, 6, 4]\n"));
        System.IO.File.Copy(System.IO.Path.Combine(CliRun.OutputFolder, "specs", "nfnet.nfnet.yaml"), System.IO.Path.Combine(folder.Root, "old.nfnet.yaml"));

        var result = CliRun.In(folder.Root, "diff", "old.nfnet.yaml", "new");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n');
        // depthMultiplier carries F0's depth to F1..F7 and the F+ variants: every variant changes.
        Assert.Equal("old.nfnet.yaml → new: 0 added, 0 removed, 16 changed, 0 unchanged", lines[0]);
        Assert.StartsWith("changed  F0 (NfnetF0): parameters 71,489,284 → ", lines[2]);
        Assert.Matches(@"^ +stages\.3\.depth +3 → 4$", lines[3]);
    }

    [Fact]
    public void Markdown_goes_to_stdout_for_a_pull_request_comment()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a.nfnet.yaml", Spec);
        folder.Write("b.nfnet.yaml", Spec.Replace("testImageSize: 256", "testImageSize: 288"));

        var result = CliRun.In(folder.Root, "diff", "a.nfnet.yaml", "b.nfnet.yaml", "--markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("**nfnet diff** `a.nfnet.yaml` → `b.nfnet.yaml`: 0 added, 0 removed, 1 changed, 0 unchanged", lines[0]);
        Assert.StartsWith("| `F0` | changed | ", lines[4]);
        Assert.Contains("`testImageSize` 256 → 288", lines[4]);
    }

    [Fact]
    public void Identical_specs_say_so()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a.nfnet.yaml", Spec);
        folder.Write("b.nfnet.yaml", Spec);

        var result = CliRun.In(folder.Root, "diff", "a.nfnet.yaml", "b.nfnet.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a.nfnet.yaml → b.nfnet.yaml: 0 added, 0 removed, 0 changed, 1 unchanged\n", result.Out);
    }

    [Fact]
    public void A_side_with_errors_is_reported_and_nothing_is_compared()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a.nfnet.yaml", Spec);
        folder.Write("b.nfnet.yaml", CliSpecs.ZeroDepth);

        var result = CliRun.In(folder.Root, "diff", "a.nfnet.yaml", "b.nfnet.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("b.nfnet.yaml(4,16): error NFN006: ", result.Error);
        Assert.EndsWith("nfnet diff: 'b.nfnet.yaml' has errors (1 file, 0 variants, 1 error, 0 warnings); nothing compared\n", result.Error);
    }

    [Fact]
    public void A_folder_defining_a_name_twice_cannot_be_matched()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a.nfnet.yaml", Spec);
        folder.Write("two/x.nfnet.yaml", Spec);
        folder.Write("two/y.nfnet.yaml", Spec);

        var result = CliRun.In(folder.Root, "diff", "a.nfnet.yaml", "two");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nfnet diff: two: variant 'F0' is defined more than once (two/x.nfnet.yaml, two/y.nfnet.yaml)\n", result.Error);
    }

    [Fact]
    public void A_missing_side_is_a_usage_error()
    {
        using var folder = new TempSpecFolder();
        folder.Write("a.nfnet.yaml", Spec);

        var result = CliRun.In(folder.Root, "diff", "a.nfnet.yaml", "gone.nfnet.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nfnet: path 'gone.nfnet.yaml' does not exist\n", result.Error);
        Assert.Equal(2, CliRun.In(folder.Root, "diff", "a.nfnet.yaml").ExitCode);
    }
}
