using System.Linq;
using System.Text.Json;
using Xunit;

namespace Nfnet.Models.Tests;

public class InspectCommandTests
{
    [Fact]
    public void Json_lists_the_233_timm_tensors_of_F0()
    {
        var result = CliRun.Run("inspect", "F0", "--json");
        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        Assert.Equal("F0", root.GetProperty("variant").GetString());
        Assert.Equal(71_489_284, root.GetProperty("parameters").GetInt64());

        var tensors = root.GetProperty("tensors").EnumerateArray()
            .Select(t => (Name: t.GetProperty("name").GetString()!, Shape: t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray()))
            .ToList();
        var expected = ExpectedArchitecture.StateDict(ExpectedArchitecture.F0);
        Assert.Equal(233, tensors.Count);
        Assert.Equal(expected.Select(t => t.Name).OrderBy(n => n, System.StringComparer.Ordinal),
                     tensors.Select(t => t.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        var shapes = tensors.ToDictionary(t => t.Name, t => t.Shape);
        Assert.All(expected, t => Assert.Equal(t.Shape, shapes[t.Name]));
        Assert.Equal(new long[] { 16, 3, 3, 3 }, shapes["stem.conv1.weight"]);
    }

    [Fact]
    public void Text_form_prints_totals_the_layer_table_then_one_line_per_tensor()
    {
        var result = CliRun.Run("inspect", "F0+");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        var expected = ExpectedArchitecture.StateDict(ExpectedArchitecture.Of("F0+"));
        long parameters = ExpectedArchitecture.ParameterCount(expected);
        string total = parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"F0+ (NfnetF0Plus): {expected.Count} tensors, {total} parameters", lines[0]);
        Assert.Equal("Layers at 256×256 (specs/nfnet.nfnet.yaml):", lines[2]);
        // Depth 2 by default: the stem's convs and every block (F0+ widths 384, 768, 2048, 2048; mid = width / 2).
        Assert.Matches(@"^  stem\.conv4 +conv 3×3 /2 64→192 +\[192, 64, 64\] +110,976 ", lines.Single(l => l.StartsWith("  stem.conv4 ", System.StringComparison.Ordinal)));
        Assert.Matches(@"^  stages\.3\.2 +bottleneck 2048→2048, mid 1024 +\[2048, 8, 8\] ", lines.Single(l => l.StartsWith("  stages.3.2 ", System.StringComparison.Ordinal)));
        Assert.Matches($"^total +{total} ", lines.Single(l => l.StartsWith("total ", System.StringComparison.Ordinal)));
        int stateDict = System.Array.IndexOf(lines, "state_dict:");
        Assert.Equal(expected.Count, lines.Length - stateDict - 1);
        Assert.Matches(@"^stem\.conv4\.weight +\[192, 64, 3, 3\]$", lines.Single(l => l.StartsWith("stem.conv4.weight ", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void A_variant_of_a_spec_file_is_inspected_at_any_image_size()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("nfnet-inspect-").FullName;
        try
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "tiny.nfnet.yaml"),
                "variants:\n  T:\n    width: [16, 32]\n    depth: [1, 2]\n    groupWidth: 8\n    stem: [8]\n    numClasses: 4\n    trainImageSize: 32\n    testImageSize: 32\n");
            var result = CliRun.In(folder, "inspect", "T", "--spec", "tiny.nfnet.yaml", "--image-size", "40", "--json");
            Assert.True(result.ExitCode == 0, result.Error);
            using var document = JsonDocument.Parse(result.Out);
            var root = document.RootElement;
            Assert.Equal(40, root.GetProperty("imageSize").GetInt32());
            var layers = root.GetProperty("layers").EnumerateArray().ToList();
            // 40 px: the stem's two stride-2 convs give 10×10, stage 1 strides to 5×5.
            var stage1 = layers.Single(l => l.GetProperty("module").GetString() == "stages.1");
            Assert.Equal(new[] { 32, 5, 5 }, stage1.GetProperty("outputShape").EnumerateArray().Select(d => d.GetInt32()));
            // The table's parameters (from the plan) are the built module's (from its tensors).
            long fromTensors = root.GetProperty("tensors").EnumerateArray().Sum(t => t.GetProperty("shape").EnumerateArray().Aggregate(1L, (n, d) => n * d.GetInt64()));
            Assert.Equal(fromTensors, root.GetProperty("parameters").GetInt64());
            Assert.Equal(fromTensors, layers.Where(l => l.GetProperty("depth").GetInt32() == 1).Sum(l => l.GetProperty("parameters").GetInt64()));

            var tooSmall = CliRun.In(folder, "inspect", "T", "--spec", "tiny.nfnet.yaml", "--image-size", "4");
            Assert.Equal(2, tooSmall.ExitCode);
            Assert.Equal("nfnet inspect: --image-size 4 is smaller than T's total stride 8; use at least 8\n", tooSmall.Error);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_largest_variant_is_listed_without_allocating_it()
    {
        // F7+ on the meta device: 3.3 GB of float32 would be needed otherwise.
        var result = CliRun.Run("inspect", "F7+", "--json");
        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        long expected = ExpectedArchitecture.ParameterCount(ExpectedArchitecture.StateDict(ExpectedArchitecture.Of("F7+")));
        Assert.Equal(expected, document.RootElement.GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void An_unknown_variant_is_a_usage_error_naming_the_known_ones()
    {
        var result = CliRun.Run("inspect", "F9");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown variant 'F9'", result.Error);
        Assert.Contains("F7+", result.Error);
    }
}
