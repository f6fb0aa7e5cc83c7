using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

/// <summary>
/// A two-stage NFNet composed by hand the way generated model classes will compose the runtime blocks:
/// fields stem, stages (ModuleList of Sequential), final_conv, final_act, head.
/// </summary>
internal sealed class TinyNfnet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute names: they become state_dict keys.
    private readonly NfStem stem;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> stages;
    private readonly ScaledStdConv2d final_conv;
    private readonly GammaActivation final_act;
    private readonly ClassifierHead head;
#pragma warning restore IDE1006

    public TinyNfnet(long numClasses = 5, NfNumerics? numerics = null, double dropPathRate = 0.1, double headDropRate = 0.2) : base(nameof(TinyNfnet))
    {
        var nm = numerics ?? NfNumerics.DeepMind;
        const double alpha = 0.2;
        var config = new NfConfig("gelu", nm);
        stem = new NfStem(3, new long[] { 4, 8 }, new long[] { 3, 3 }, new long[] { 2, 2 }, maxPool: false, config);
        // Stage 0: one block 8 → 16 at stride 1 (projection because the width changes).
        var stage0 = nn.Sequential(new NormFreeBlock(8, 16, 8, 1, 1, beta: 1.0, alpha, dropPathRate: 0.0, BlockAttention.Se(8), config));
        // Stage 1: a strided transition block and one identity-shortcut block.
        double beta1 = 1.0 / System.Math.Sqrt(1.0 + alpha * alpha);
        var stage1 = nn.Sequential(
            new NormFreeBlock(16, 32, 16, 2, 2, beta: beta1, alpha, dropPathRate: 0.0, BlockAttention.Se(16), config),
            new NormFreeBlock(32, 32, 16, 2, 1, beta: beta1, alpha, dropPathRate: dropPathRate, BlockAttention.Se(16), config));
        stages = new ModuleList<nn.Module<Tensor, Tensor>>(stage0, stage1);
        final_conv = new ScaledStdConv2d(32, 64, 1, numerics: nm);
        final_act = new GammaActivation("gelu", nm);
        head = new ClassifierHead(64, numClasses, dropRate: headDropRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = stem.call(input);
        foreach (var stage in stages) x = stage.call(x);
        x = final_act.call(final_conv.call(x));
        return head.call(x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stem.Dispose();
            stages.Dispose();
            final_conv.Dispose();
            final_act.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
