using System;
using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Imaging;

namespace Nfnet.Training.Data;

/// <summary>A variant's evaluation preprocessing: the Nfnet.Imaging preset of a name, timm's from the plan's preprocess keys.</summary>
public static class EvalPreprocessing
{
    /// <summary>
    /// <c>deepmind</c>: <see cref="PreprocessPreset.DeepMind"/>; <c>timm</c>: timm's with the variant's crop_pct, crop mode,
    /// mean and std. Throws <see cref="ArgumentException"/> naming the known presets for another name.
    /// </summary>
    public static PreprocessPreset ForPlan(ModelPlan plan, string name)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.Preprocess;
        return name switch
        {
            PreprocessPreset.DeepMindName => PreprocessPreset.DeepMind,
            PreprocessPreset.TimmName => PreprocessPreset.Timm(p.CropPct,
                p.CropMode == Nfnet.Dsl.Lowering.CropMode.Squash ? Nfnet.Imaging.CropMode.Squash : Nfnet.Imaging.CropMode.Center,
                p.Mean.Select(v => (float)v).ToArray(), p.Std.Select(v => (float)v).ToArray()),
            _ => throw new ArgumentException($"--preprocess: '{name}' is not one of {string.Join(", ", PreprocessPreset.Names)}", nameof(name)),
        };
    }
}
