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
    public void Text_form_prints_totals_then_one_line_per_tensor()
    {
        var result = CliRun.Run("inspect", "F0+");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        var expected = ExpectedArchitecture.StateDict(ExpectedArchitecture.Of("F0+"));
        long parameters = ExpectedArchitecture.ParameterCount(expected);
        Assert.Equal($"F0+ (NfnetF0Plus): {expected.Count} tensors, {parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} parameters", lines[0]);
        Assert.Equal(expected.Count + 1, lines.Length);
        Assert.Matches(@"^stem\.conv4\.weight +\[192, 64, 3, 3\]$", lines.Single(l => l.StartsWith("stem.conv4.weight ", System.StringComparison.Ordinal)));
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
