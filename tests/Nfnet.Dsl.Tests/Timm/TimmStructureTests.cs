using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests.Timm;

/// <summary>
/// The lowering math for every family, against the modules timm itself built (tests/fixtures/timm/models.json): each
/// stem conv, every block's widths, groups, stride, β, shortcut, attention and skip gain, the final conv, the γ placement
/// and timm's drop-path schedule.
/// </summary>
public class TimmStructureTests
{
    [Theory]
    [MemberData(nameof(TimmReference.NameData), MemberType = typeof(TimmReference))]
    public void Every_block_has_timms_widths_groups_stride_beta_shortcut_and_attention(string name)
    {
        var structure = TimmReference.Model(name).GetProperty("structure");
        var plan = TimmReference.Plan(name);

        var timmBlocks = structure.GetProperty("blocks").EnumerateArray().ToList();
        var blocks = plan.Blocks.ToList();
        Assert.Equal(timmBlocks.Count, blocks.Count);
        foreach (var (timm, block) in timmBlocks.Zip(blocks))
        {
            var where = $"{name} {block.Name}";
            Assert.Equal(timm.GetProperty("name").GetString(), block.Name);
            Assert.Equal(
                (timm.GetProperty("in_chs").GetInt32(), timm.GetProperty("mid_chs").GetInt32(), timm.GetProperty("out_chs").GetInt32(), timm.GetProperty("groups").GetInt32(), timm.GetProperty("stride").GetInt32()),
                (block.InChannels, block.MidChannels, block.OutChannels, block.Groups, block.Stride));
            Assert.True(Math.Abs(timm.GetProperty("beta").GetDouble() - block.Beta) < 1e-15, $"{where}: β {block.Beta}");
            Assert.Equal(timm.GetProperty("alpha").GetDouble(), block.Alpha);
            Assert.Equal(timm.GetProperty("conv2b").GetBoolean(), block.Conv2b is not null);
            Assert.Equal(timm.GetProperty("skipinit_gain").GetBoolean(), block.HasSkipinitGain);

            var downsample = timm.GetProperty("downsample");
            Assert.Equal(downsample.ValueKind != JsonValueKind.Null, block.Downsample is not null);
            if (block.Downsample is { } conv)
            {
                Assert.Equal((downsample.GetProperty("conv_in").GetInt32(), downsample.GetProperty("conv_out").GetInt32()), (conv.InChannels, conv.OutChannels));
                var pooled = downsample.GetProperty("pool").ValueKind == JsonValueKind.Object;
                Assert.Equal(pooled, block.Stride > 1 && block.Parts.Shortcut == ShortcutKind.AvgPool);
            }

            var attention = timm.GetProperty("attention");
            Assert.Equal(attention.ValueKind != JsonValueKind.Null, block.Attention is not null);
            if (block.Attention is { } a)
            {
                Assert.Equal(attention.GetProperty("module").GetString(), a.ModuleName);
                Assert.Equal(attention.GetProperty("channels").GetInt32(), a.Channels);
                Assert.Equal(attention.GetProperty("gain").GetDouble(), a.Gain);
                if (attention.GetProperty("type").GetString() == "se")
                    Assert.Equal((AttentionKind.SqueezeExcite, attention.GetProperty("rd_channels").GetInt32(), "relu"), (a.Kind, a.HiddenChannels, a.HiddenActivation));
                else
                    Assert.Equal((AttentionKind.Eca, attention.GetProperty("kernel_size").GetInt32()), (a.Kind, a.KernelSize));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TimmReference.NameData), MemberType = typeof(TimmReference))]
    public void Stem_final_conv_and_gamma_placement_are_timms(string name)
    {
        var structure = TimmReference.Model(name).GetProperty("structure");
        var plan = TimmReference.Plan(name);

        var timmConvs = structure.GetProperty("stem").EnumerateArray().Where(m => m.GetProperty("class").GetString()!.StartsWith("ScaledStdConv2d")).ToList();
        Assert.Equal(
            timmConvs.Select(c => (c.GetProperty("name").GetString(), c.GetProperty("in").GetInt32(), c.GetProperty("out").GetInt32(), c.GetProperty("k").GetInt32(), c.GetProperty("stride").GetInt32())),
            plan.Stem.Convs.Select(c => ((string?)c.Name, c.InChannels, c.OutChannels, c.Kernel, c.Stride)));
        Assert.Equal(structure.GetProperty("stem").EnumerateArray().Any(m => m.GetProperty("class").GetString() == "MaxPool2d"), plan.Stem.MaxPool);
        Assert.Equal(structure.GetProperty("stem_stride").GetInt32(), plan.Stem.Stride);
        Assert.Equal(structure.GetProperty("stage_strides").EnumerateArray().Select(s => s.GetInt32()), plan.Stages.Select(s => s.Stride));

        var final = structure.GetProperty("final_conv");
        Assert.Equal(final.ValueKind != JsonValueKind.Null, plan.FinalConv is not null);
        if (plan.FinalConv is { } conv)
            Assert.Equal((final.GetProperty("in").GetInt32(), final.GetProperty("out").GetInt32()), (conv.InChannels, conv.OutChannels));
        Assert.Equal(structure.GetProperty("num_features").GetInt32(), plan.NumFeatures);

        // γ: timm's conv_gamma is the activation's γ when it is folded into the convs, 1 when GammaAct applies it.
        var convGamma = structure.GetProperty("conv_gamma").GetDouble();
        if (plan.Parts.GammaPlacement == GammaPlacement.Conv)
            Assert.Equal(plan.ActivationGamma, convGamma, 1e-9);
        else
            Assert.Equal((1.0, "GammaAct"), (convGamma, structure.GetProperty("act").GetProperty("class").GetString()));
        Assert.Equal(structure.GetProperty("conv_class").GetString() == "ScaledStdConv2dSame", plan.Numerics.Padding == PaddingMode.Same);
    }

    [Theory]
    [MemberData(nameof(TimmReference.NameData), MemberType = typeof(TimmReference))]
    public void Drop_path_rates_follow_timms_schedule(string name)
    {
        // timm's rates at drop_path_rate 0.1: torch.linspace(0, 0.1, N) in float32, so compare to float precision.
        var expected = TimmReference.Model(name).GetProperty("drop_path_schedule_rate_0.1").EnumerateArray()
            .SelectMany(stage => stage.EnumerateArray().Select(r => r.GetDouble())).ToList();
        var spec = $"variants:\n  x: {{ base: {name}, stochasticDepthRate: 0.1 }}\n";
        var compilation = Specs.Compile(spec);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Severity != Nfnet.Dsl.Diagnostics.Severity.Info);
        var plan = compilation.Plan("x");

        var actual = plan.Blocks.Select(b => b.DropPathRate).ToList();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
            Assert.True(Math.Abs(e - a) < 1e-7, $"{name}: {a} vs timm's {e}");
        Assert.Equal(0.1, actual[^1], 12); // timm's schedule reaches the full rate at the last block
    }

    /// <summary>
    /// MACs by DeepMind's count_flops definition (convs, attention linears/convs, classifier; no pooling, bias or
    /// activation), counted here from timm's module structure with ceil-mode spatial sizes, independently of the plan.
    /// </summary>
    [Theory]
    [MemberData(nameof(TimmReference.NameData), MemberType = typeof(TimmReference))]
    public void Macs_at_the_test_size_are_the_count_of_timms_modules(string name)
    {
        var model = TimmReference.Model(name);
        var structure = model.GetProperty("structure");
        var plan = TimmReference.Plan(name);
        var pretrained = model.GetProperty("pretrained_cfg");
        var size = (pretrained.TryGetProperty("test_input_size", out var test) && test.ValueKind == JsonValueKind.Array ? test : pretrained.GetProperty("input_size"))[1].GetInt32();
        Assert.Equal(size, plan.TestImageSize);

        static int Down(int n, int stride) => (n + stride - 1) / stride;
        long macs = 0;
        var h = size;
        foreach (var module in structure.GetProperty("stem").EnumerateArray())
        {
            var kind = module.GetProperty("class").GetString()!;
            if (kind == "MaxPool2d")
                h = Down(h, 2);
            else if (kind.StartsWith("ScaledStdConv2d", StringComparison.Ordinal))
            {
                h = Down(h, module.GetProperty("stride").GetInt32());
                var k = module.GetProperty("k").GetInt64();
                macs += module.GetProperty("out").GetInt64() * module.GetProperty("in").GetInt64() * k * k * h * h;
            }
        }
        foreach (var block in structure.GetProperty("blocks").EnumerateArray())
        {
            long inChs = block.GetProperty("in_chs").GetInt32(), mid = block.GetProperty("mid_chs").GetInt32(), outChs = block.GetProperty("out_chs").GetInt32();
            long groups = block.GetProperty("groups").GetInt32();
            var outH = Down(h, block.GetProperty("stride").GetInt32());
            macs += inChs * mid * h * h;                                   // conv1 at the input size
            macs += mid * (mid / groups) * 9 * outH * outH;                // conv2, strided
            if (block.GetProperty("conv2b").GetBoolean())
                macs += mid * (mid / groups) * 9 * outH * outH;
            macs += mid * outChs * outH * outH;                            // conv3
            if (block.GetProperty("downsample").ValueKind != JsonValueKind.Null)
                macs += inChs * outChs * outH * outH;                      // 1×1 shortcut at the output size
            var attention = block.GetProperty("attention");
            if (attention.ValueKind != JsonValueKind.Null)
                macs += attention.GetProperty("type").GetString() == "se"
                    ? 2L * attention.GetProperty("channels").GetInt32() * attention.GetProperty("rd_channels").GetInt32()
                    : (long)attention.GetProperty("channels").GetInt32() * attention.GetProperty("kernel_size").GetInt32();
            h = outH;
        }
        var final = structure.GetProperty("final_conv");
        if (final.ValueKind != JsonValueKind.Null)
            macs += final.GetProperty("in").GetInt64() * final.GetProperty("out").GetInt64() * h * h;
        var fc = structure.GetProperty("head").GetProperty("fc");
        macs += fc.GetProperty("in").GetInt64() * fc.GetProperty("out").GetInt64();

        Assert.Equal(macs, plan.MacsAtTestSize);
    }

    /// <summary>Every timm model's evaluation preprocessing is its pretrained cfg's (the test crop where timm has one).</summary>
    [Theory]
    [MemberData(nameof(TimmReference.NameData), MemberType = typeof(TimmReference))]
    public void Evaluation_preprocessing_is_timms_pretrained_cfg(string name)
    {
        var cfg = TimmReference.Model(name).GetProperty("pretrained_cfg");
        var crop = cfg.TryGetProperty("test_crop_pct", out var test) && test.ValueKind == JsonValueKind.Number ? test.GetDouble() : cfg.GetProperty("crop_pct").GetDouble();
        var mode = cfg.GetProperty("crop_mode").GetString() == "squash" ? CropMode.Squash : CropMode.Center;
        Assert.Equal("bicubic", cfg.GetProperty("interpolation").GetString());

        AssertPreprocess(TimmReference.Plan(name), crop, mode, cfg);
        // DeepMind's F0..F6 are the weights timm ports as dm_nfnet_f0..f6, so they evaluate the same way.
        if (name.StartsWith("dm_nfnet_f", StringComparison.Ordinal))
            AssertPreprocess(Specs.ShippedPlan("F" + name[^1]), crop, mode, cfg);
    }

    private static void AssertPreprocess(ModelPlan plan, double crop, CropMode mode, JsonElement cfg)
    {
        Assert.Equal((crop, mode), (plan.Preprocess.CropPct, plan.Preprocess.CropMode));
        Assert.Equal(cfg.GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()), plan.Preprocess.Mean);
        Assert.Equal(cfg.GetProperty("std").EnumerateArray().Select(v => v.GetDouble()), plan.Preprocess.Std);
    }
}
