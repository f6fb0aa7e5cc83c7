using System.Globalization;
using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

public class SummaryTableTests
{
    [Fact]
    public void HasAHeaderARuleAndARowPerVariant()
    {
        var result = CliRun.Shipped("summary", "specs");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + 52, lines.Length);
        Assert.StartsWith("Variant", lines[0]);
        Assert.Matches("^[- ]+$", lines[1]);
    }

    [Fact]
    public void F0RowShowsCountsSizesAndDropout()
    {
        var row = F0Row(CliRun.Shipped("summary", "specs").Out);

        Assert.Equal(["F0", "NfnetF0", "71,489,284", "71.49M", "12.38G", "192", "256", "0.2"], row);
    }

    [Fact]
    public void SmallModelsGetTheirOwnUnitPerRow()
    {
        using var folder = new TempSpecFolder();
        folder.Write("tiny.nfnet.yaml", "variants:\n  T:\n    width: [16, 32]\n    depth: [1, 2]\n    groupWidth: 8\n    stem: [8]\n    numClasses: 4\n"
            + "    trainImageSize: 160\n    testImageSize: 160\n");

        var table = CliRun.In(folder.Root, "summary", "tiny.nfnet.yaml").Out;
        using var json = System.Text.Json.JsonDocument.Parse(CliRun.In(folder.Root, "summary", "tiny.nfnet.yaml", "--json").Out);
        var variant = json.RootElement.GetProperty("variants")[0];

        // Thousands of parameters and millions of MACs read as such, not as "0.02M" and "0.00" GMACs.
        var row = table.Split('\n').Single(l => l.StartsWith("T ")).Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
        long parameters = variant.GetProperty("parameters").GetInt64();
        long macs = variant.GetProperty("macs").GetInt64();
        Assert.InRange(parameters, 1_000, 999_999);
        Assert.InRange(macs, 1_000_000, 999_999_999);
        Assert.Equal((parameters / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + "K", row[3]);
        Assert.Equal((macs / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M", row[4]);
        Assert.Matches("^Variant +Class +Parameters +Params +MACs@test ", table);
    }

    [Fact]
    public void ColumnsAreAligned()
    {
        var lines = CliRun.Shipped("summary").Out.TrimEnd('\n').Split('\n');

        // Right-aligned numeric columns end at the same character in every line, the header included.
        var parametersEnd = lines[0].IndexOf("Parameters") + "Parameters".Length;
        Assert.All(lines.Skip(2), line => Assert.Matches("[0-9]", line[parametersEnd - 1].ToString()));
        Assert.All(lines.Skip(2), line => Assert.Equal(' ', line[parametersEnd]));
    }

    [Fact]
    public void HasNoAnsiEscapesWhenCaptured()
    {
        Assert.DoesNotContain('\u001b', CliRun.Shipped("summary").Out);
    }

    [Fact]
    public void NumbersAreInvariantUnderAGermanCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            // Sanity: this culture would write the numbers differently.
            Assert.Equal("71.489.284", 71_489_284L.ToString("N0"));

            var table = CliRun.Shipped("summary").Out;
            var json = CliRun.Shipped("summary", "--json").Out;

            Assert.Equal(["F0", "NfnetF0", "71,489,284", "71.49M", "12.38G", "192", "256", "0.2"], F0Row(table));
            Assert.Contains("\"dropRate\": 0.2,", json);
            Assert.Contains("\"stochasticDepthRate\": 0.25,", json);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void SpecWithErrorsPrintsDiagnosticsToStderrAndNoTable()
    {
        using var folder = new TempSpecFolder();
        folder.Write("zero.nfnet.yaml", CliSpecs.ZeroDepth);

        var result = CliRun.In(folder.Root, "summary", "zero.nfnet.yaml", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("zero.nfnet.yaml(4,16): error NFN006: ", result.Error);
    }

    [Fact]
    public void NotesGoToStderrAndTheTableStillPrints()
    {
        using var folder = new TempSpecFolder();
        folder.Write("odd.nfnet.yaml", CliSpecs.OddTestSize);

        var result = CliRun.In(folder.Root, "summary", "odd.nfnet.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("odd.nfnet.yaml(6,20): info NFN014: ", result.Error);
        Assert.Contains("NfnetF0", result.Out);
    }

    private static string[] F0Row(string table) =>
        table.Split('\n').Single(l => l.StartsWith("F0 ")).Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
}
