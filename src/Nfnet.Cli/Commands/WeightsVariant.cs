using System.IO;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Weights;

namespace Nfnet.Cli.Commands;

/// <summary>
/// The variant evaluate and predict build for a weights file: --variant and --spec when given, else what the weights
/// record (<see cref="TrainedWeights.Choose"/>), so the weights of a --spec variant need no options at all.
/// </summary>
public static class WeightsVariant
{
    /// <summary>
    /// Checks what can be checked before the weights are read: a --spec file that is missing, or a --variant it does
    /// not define (with the closest name). When the weights file is missing too, a --variant is checked against the
    /// built-in specs (the only ones left), so both mistakes are reported at once. Returns false after reporting.
    /// </summary>
    public static bool CheckOptions(CliContext context, string? variant, string? specPath, string weightsPath)
    {
        if (specPath is null)
        {
            if (variant is null || File.Exists(weightsPath)) return true;
            bool known = VariantArgument.FindPlan(context, variant, specPath: null) is not null;
            if (!known) context.Error.WriteLine($"nfnet: no such weights file: {weightsPath}");
            return known;
        }
        if (variant is null)
        {
            if (!File.Exists(specPath)) throw new FileNotFoundException($"--spec '{specPath}': no such file", specPath);
            return true;
        }
        return VariantArgument.FindPlan(context, variant, specPath) is not null;
    }

    /// <summary>The plan to build for <paramref name="weights"/> and whether it is built in; null after reporting an unknown name.</summary>
    public static (ModelPlan Plan, bool BuiltIn)? Find(CliContext context, TrainedWeights weights, string? variant, string? specPath)
    {
        System.ArgumentNullException.ThrowIfNull(weights);
        var choice = weights.Choose(variant, specPath);
        return VariantArgument.FindPlan(context, choice.Variant, choice.Plans()) is { } plan ? (plan, choice.IsBuiltIn) : null;
    }
}
