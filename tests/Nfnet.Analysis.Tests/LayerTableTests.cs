using System.Linq;
using Nfnet.Analysis.Inspect;
using Xunit;

namespace Nfnet.Analysis.Tests;

public class LayerTableTests
{
    [Theory]
    [InlineData("test_nfnet", 64)]
    [InlineData("nf_regnet_b0", 65)]
    [InlineData("nf_ecaresnet26", 64)]
    [InlineData("nf_seresnet26", 33)]
    public void Every_row_has_the_shape_parameters_and_macs_of_the_real_module(string variant, int imageSize)
    {
        var plan = Plans.Shipped(variant);
        var table = LayerTable.Of(plan, imageSize);
        var real = ModuleMeasurement.Of(plan, imageSize);

        foreach (var row in table.Rows)
        {
            Assert.True(real.ParametersUnder(row.Module) == row.Parameters, $"{row.Module}: {row.Parameters} parameters, the module has {real.ParametersUnder(row.Module)}");
            Assert.True(real.MacsUnder(row.Module) == row.Macs, $"{row.Module}: {row.Macs} MACs, the module's convs and linears do {real.MacsUnder(row.Module)}");
            if (row.Module.EndsWith(".skipinit_gain", System.StringComparison.Ordinal))
            {
                Assert.Empty(row.OutputShape);
                continue;
            }
            // The max-pool is a step of the stem, not a module: its output is the stem's. An attention module returns
            // its gate, which multiplies its input, so what flows on has the input's shape.
            var expected = row.Module == "stem.pool" ? real.Outputs["stem"]
                : row.Module.EndsWith(".attn", System.StringComparison.Ordinal) || row.Module.EndsWith(".attn_last", System.StringComparison.Ordinal) ? real.Inputs[row.Module]
                : real.Outputs[row.Module];
            Assert.True(expected.SequenceEqual(row.OutputShape.Select(d => (long)d)),
                $"{row.Module}: table says [{string.Join(", ", row.OutputShape)}], the module gives [{string.Join(", ", expected)}]");
        }
        // Everything is counted once at depth 1: the whole state_dict and every conv and linear of the network.
        Assert.Equal(real.TensorSizes.Values.Sum(), table.TotalParameters);
        Assert.Equal(real.WeightMacs.Values.Sum(), table.TotalMacs);
        Assert.Equal(plan.ParameterCount, table.TotalParameters);
        Assert.Equal(plan.Macs(imageSize), table.TotalMacs);
    }

    [Fact]
    public void The_tiny_specs_rows_match_a_hand_count()
    {
        var table = LayerTable.Of(Plans.Tiny(), 32);
        var rows = table.Rows.ToDictionary(r => r.Module);

        // stem.conv1, 3×3 /2, 3→8 on 32 px: weight 8·3·9 = 216, bias and gain 8 each; output 16×16, MACs 216·256.
        Assert.Equal(232, rows["stem.conv1"].Parameters);
        Assert.Equal(new[] { 8, 16, 16 }, rows["stem.conv1"].OutputShape);
        Assert.Equal(216 * 256, rows["stem.conv1"].Macs);
        // The stage 1 transition: conv1 1×1 16→16 at 8×8 (mid = 0.5·32), conv2 3×3 /2 with 16/8 = 2 groups at 4×4 out.
        Assert.Equal(16 * 16 * 64, rows["stages.1.0.conv1"].Macs);
        Assert.Equal(16 * 8 * 9 * 16, rows["stages.1.0.conv2"].Macs);
        Assert.Equal("conv 3×3 /2 16→16, 2 groups", rows["stages.1.0.conv2"].Kind);
        Assert.Equal(new[] { 32, 4, 4 }, rows["stages.1.0"].OutputShape);
        // SE on 32 channels with hidden 0.5·32 = 16: two 1×1 convs with bias, 2·32·16 + 16 + 32; MACs 2·32·16 on the pooled vector.
        Assert.Equal(2 * 32 * 16 + 16 + 32, rows["stages.1.0.attn_last"].Parameters);
        Assert.Equal(2 * 32 * 16, rows["stages.1.0.attn_last"].Macs);
        // head: 4 classes from the final conv's 2·32 = 64 features.
        Assert.Equal(64 * 4 + 4, rows["head"].Parameters);
        Assert.Equal(new[] { 4 }, rows["head"].OutputShape);
    }

    [Fact]
    public void F0s_stage_subtotals_add_up_to_deepminds_count()
    {
        var table = LayerTable.Of(Plans.Shipped("F0"), 256);
        var stage0 = table.Rows.Single(r => r.Module == "stages.0");

        // Stage 0 at 64×64: conv1 1×1 128→128, conv2 and conv2b 3×3 128→128 (one group of 128), conv3 1×1 128→256, the
        // 1×1 128→256 shortcut, SE 256→128→256 on the pooled vector.
        long hand = 128L * 128 * 4096 + 2 * (128L * 128 * 9 * 4096) + 128L * 256 * 4096 + 128L * 256 * 4096 + 2 * 256 * 128;
        Assert.Equal(1_543_569_408, hand);
        Assert.Equal(hand, stage0.Macs);
        // DeepMind's count_flops for NFNet-F0 at 256 px, and timm's parameter count for dm_nfnet_f0.
        Assert.Equal(12_384_198_656, table.TotalMacs);
        Assert.Equal(71_489_284, table.TotalParameters);
        var stages = table.UpTo(1).Where(r => r.Module.StartsWith("stages.", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { 1, 2, 6, 3 }, stages.Select(s => table.UpTo(2).Count(r => r.Module.StartsWith(s.Module + ".", System.StringComparison.Ordinal))));
        Assert.Equal(table.TotalMacs, table.UpTo(1).Sum(r => r.Macs));
    }

    [Fact]
    public void Depth_chooses_the_rows()
    {
        var table = LayerTable.Of(Plans.Tiny(), 32);

        Assert.Equal(new[] { "stem", "stages.0", "stages.1", "final_conv", "head" }, table.UpTo(1).Select(r => r.Module));
        Assert.Equal(new[] { "stem", "stem.conv1", "stem.conv2", "stages.0", "stages.0.0", "stages.1", "stages.1.0", "stages.1.1", "final_conv", "head" },
            table.UpTo(2).Select(r => r.Module));
        Assert.Contains(table.UpTo(3), r => r.Module == "stages.1.1.skipinit_gain");
    }

    [Fact]
    public void The_text_has_a_row_per_module_a_total_and_the_exact_totals()
    {
        var writer = new System.IO.StringWriter { NewLine = "\n" };
        LayerTableText.Write(writer, LayerTable.Of(Plans.Shipped("F0"), 256), depth: 1);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');

        Assert.Matches(@"^Module +Kind +Output shape +Parameters +MACs$", lines[0]);
        Assert.Matches(@"^stages\.2 +stage, 6 blocks, stride 2 +\[1536, 16, 16\] +38,991,366 +6\.66G$", lines.Single(l => l.StartsWith("stages.2 ", System.StringComparison.Ordinal)));
        Assert.Matches(@"^total +71,489,284 +12\.38G$", lines[^2]);
        Assert.Equal("71,489,284 parameters (71.49M); 12,384,198,656 MACs (12.38G) per 256×256 image", lines[^1]);
        Assert.Equal(2 + 7 + 2 + 1, lines.Length);
    }
}
