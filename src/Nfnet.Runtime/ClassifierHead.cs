using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime;

/// <summary>
/// Global average pool over H and W, dropout (training only) and the classifier <c>fc</c> (key head.fc.*).
/// The network's final_conv and final activation come before it and are not part of the head, as in timm.
/// </summary>
public sealed class ClassifierHead : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm attribute name, becomes the state_dict key.
    private readonly Linear fc;
#pragma warning restore IDE1006

    /// <summary>Creates the head; fc weight ~ N(0, 0.01²) and zero bias (DeepMind RandomNormal(0.01)).</summary>
    public ClassifierHead(long inChannels, long numClasses, double dropRate, Device? device = null) : base(nameof(ClassifierHead))
    {
        if (dropRate < 0.0 || dropRate >= 1.0) throw new ArgumentOutOfRangeException(nameof(dropRate), dropRate, "Must be in [0, 1).");
        InChannels = inChannels;
        NumClasses = numClasses;
        DropRate = dropRate;
        fc = nn.Linear(inChannels, numClasses, hasBias: true, device: device);
        if (!fc.weight.is_meta)
        {
            using (no_grad())
            {
                nn.init.normal_(fc.weight, 0.0, 0.01);
                nn.init.zeros_(fc.bias!);
            }
        }
        RegisterComponents();
    }

    /// <summary>Features entering the head.</summary>
    public long InChannels { get; }

    /// <summary>Classes.</summary>
    public long NumClasses { get; }

    /// <summary>Dropout rate before fc.</summary>
    public double DropRate { get; }

    /// <summary>The classifier layer.</summary>
    public Linear Fc => fc;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = input.mean(new long[] { 2, 3 });
        if (DropRate > 0.0) pooled = F.dropout(pooled, DropRate, training);
        return fc.call(pooled).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) fc.Dispose();
        base.Dispose(disposing);
    }
}
