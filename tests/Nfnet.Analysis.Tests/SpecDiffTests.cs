using System.IO;
using System.Linq;
using Nfnet.Analysis.Diff;
using Nfnet.Training.Models;
using Xunit;

namespace Nfnet.Analysis.Tests;

public class SpecDiffTests
{
    private static readonly string Old = Plans.TinyYaml + """

          U:
            base: T
            description: "the wide one"
            width: [16, 64]
        """;

    private static System.Collections.Generic.IReadOnlyList<Dsl.Lowering.ModelPlan> Compile(string yaml, string path = "old.nfnet.yaml") =>
        ModelSpecs.Compile(path, yaml);

    [Fact]
    public void One_more_block_is_a_change_of_its_parameters_and_macs_counted_by_hand()
    {
        var diff = SpecDiff.Compare(Compile(Old), Compile(Old.Replace("depth: [1, 2]", "depth: [1, 3]")));

        // T and U (which inherits T's depth) both gain a block.
        Assert.Equal("0 added, 0 removed, 2 changed, 0 unchanged", diff.Headline);
        var t = diff.Variants.Single(v => v.Name == "T");
        Assert.Equal(VariantChangeKind.Changed, t.Kind);
        // A stage-1 block of T (width 32, mid 32/2 = 16, 16/8 = 2 groups, SE hidden 16, conv2b, skip gain), weights + bias + gain:
        // conv1 1×1 32→16: 512 + 32; conv2 and conv2b 3×3 16→16 in 2 groups: 16·8·9 + 32 each; conv3 1×1 16→32: 512 + 64;
        // SE: 2·32·16 + 16 + 32; the skip gain: 1.
        long block = (512 + 32) + 2 * (16 * 8 * 9 + 32) + (512 + 64) + (2 * 32 * 16 + 16 + 32) + 1;
        Assert.Equal(4561, block);
        Assert.Equal(block, t.NewParameters - t.OldParameters);
        // At the 32 px test size stage 1 runs at 4×4: conv1 512·16, conv2 and conv2b 1152·16, conv3 512·16, SE 2·32·16 on the pooled vector.
        Assert.Equal(512 * 16 + 2 * 1152 * 16 + 512 * 16 + 2 * 32 * 16, t.NewMacs - t.OldMacs);
        Assert.Equal(new[] { "stages.1.depth", "stages.1.parameters", "stages.1.macs" }, t.Changes.Select(c => c.Key));
        Assert.Equal(("2", "3"), (t.Changes[0].Old, t.Changes[0].New));
    }

    [Fact]
    public void Variants_are_matched_by_name_and_a_moved_file_changes_nothing()
    {
        var renamed = SpecDiff.Compare(Compile(Old), Compile(Old.Replace("  U:", "  V:")));
        Assert.Equal("1 added, 1 removed, 0 changed, 1 unchanged", renamed.Headline);
        Assert.Equal(new[] { ("V", VariantChangeKind.Added), ("U", VariantChangeKind.Removed) }, renamed.Variants.Select(v => (v.Name, v.Kind)));

        var moved = SpecDiff.Compare(Compile(Old), Compile(Old, "elsewhere/new.nfnet.yaml"));
        Assert.Equal("0 added, 0 removed, 0 changed, 2 unchanged", moved.Headline);
    }

    [Fact]
    public void Every_changed_setting_is_listed_with_both_values_and_a_stage_that_appears_reads_as_new()
    {
        var newer = Old.Replace("description: \"the wide one\"", "description: \"the wider one\"").Replace("width: [16, 64]", "width: [16, 64, 128]\n    depth: [1, 2, 1]")
            .Replace("    testImageSize: 32", "    testImageSize: 64");
        var diff = SpecDiff.Compare(Compile(Old), Compile(newer));

        var u = diff.Variants.Single(v => v.Name == "U");
        var changes = u.Changes.ToDictionary(c => c.Key, c => (c.Old, c.New));
        Assert.Equal(("the wide one", "the wider one"), changes["description"]);
        Assert.Equal(("32", "64"), changes["testImageSize"]);
        Assert.Equal(("—", "128"), changes["stages.2.width"]);
        Assert.Equal(("—", "1"), changes["stages.2.depth"]);
        // The final conv follows the last width (×2).
        Assert.Equal(("1×1 64→128", "1×1 128→256"), changes["finalConv"]);
    }

    [Fact]
    public void A_name_defined_twice_on_one_side_cannot_be_matched()
    {
        var twice = Compile(Old).Concat(Compile(Old, "copy.nfnet.yaml")).ToList();
        var error = Assert.Throws<DuplicateVariantException>(() => SpecDiff.Compare(Compile(Old), twice));
        Assert.False(error.InOld);
        Assert.Equal("variant 'T' is defined more than once (old.nfnet.yaml, copy.nfnet.yaml)", error.Message);
    }

    [Fact]
    public void Markdown_is_a_table_row_per_variant_with_the_changes_in_the_last_cell()
    {
        var diff = SpecDiff.Compare(Compile(Old), Compile(Old.Replace("depth: [1, 2]", "depth: [1, 3]").Replace("the wide one", "wide | wider")));
        var writer = new StringWriter { NewLine = "\n" };
        DiffMarkdown.Write(writer, diff, "old.nfnet.yaml", "new.nfnet.yaml");
        var lines = writer.ToString().TrimEnd('\n').Split('\n');

        Assert.Equal("**nfnet diff** `old.nfnet.yaml` → `new.nfnet.yaml`: 0 added, 0 removed, 2 changed, 0 unchanged", lines[0]);
        Assert.Equal("| Variant | Change | Parameters | Δ parameters | MACs@test | Δ MACs | What changed |", lines[2]);
        Assert.Equal(2 + 2 + 2, lines.Length);
        Assert.StartsWith("| `T` | changed | 14.57K → 19.13K | +4.56K (+31.3%) | ", lines[4]);
        // The description's '|' is escaped so it cannot end the cell early: every row has the header's 8 unescaped bars.
        Assert.Contains("`description` the wide one → wide \\| wider", lines[5]);
        Assert.All(lines.Skip(2), l => Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(l, @"(?<!\\)\|").Count));
    }
}
