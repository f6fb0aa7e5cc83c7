using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Models.Tests;

public class ForwardShapeTests
{
    private const int Batch = 2;
    private const int ImageSize = 64;
    private const int Classes = 10;

    /// <summary>
    /// The small variants, and F7+ as the representative of the large ones: it is the widest and deepest, so every
    /// construct the others use appears in it. Its 0.83 B parameters are ~3.3 GB in float32; building and running the
    /// other twelve on 2 cores would take minutes for no new coverage (their sizes are checked on META).
    /// </summary>
    [Theory]
    [InlineData("F0")]
    [InlineData("F0+")]
    [InlineData("F1")]
    [InlineData("F7+")]
    public void Logits_and_every_stage_have_the_planned_shape_on_cpu(string variant)
    {
        manual_seed(1);
        using var model = NfnetZoo.Create(variant, numClasses: Classes);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(Batch, 3, ImageSize, ImageSize);

        // Total stride 32: stem 4 (16×16), then stages at strides 1, 2, 2, 2 (16, 8, 4, 2).
        var hyper = ExpectedArchitecture.Of(variant);
        var expected = new[] { new long[] { Batch, hyper.StemWidths[3], 16, 16 } }
            .Concat(hyper.Widths.Select((w, s) => new long[] { Batch, w, 16 >> (s == 0 ? 0 : s), 16 >> (s == 0 ? 0 : s) }))
            .ToList();
        var plan = ShippedVariants.Plan(variant);
        var planned = new[] { plan.StemOutput(ImageSize) }.Concat(plan.StageOutputs(ImageSize))
            .Select(f => new long[] { Batch, f.Channels, f.Height, f.Width }).ToList();
        Assert.Equal(expected, planned);

        var stages = GeneratedModel.ForwardStages(model, input);
        Assert.Equal(expected, stages.Select(t => t.shape).ToList());
        Assert.All(stages, t => Assert.True(t.isfinite().all().item<bool>()));

        var logits = model.call(input);
        Assert.Equal(new long[] { Batch, Classes }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }
}
