using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Analysis.Tests;

/// <summary>
/// What a real module built from a plan does with one image, measured with forward hooks: the output shape of every
/// named module (and the input shape, which is what a gate's output multiplies), every state_dict tensor's size, and
/// MACs counted from the tensors themselves: for each conv or linear, weight elements × output positions.
/// Nothing here uses the plan's arithmetic, so the layer table can be checked against it.
/// </summary>
internal sealed class ModuleMeasurement
{
    public Dictionary<string, long[]> Outputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long[]> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> TensorSizes { get; } = new(StringComparer.Ordinal);

    /// <summary>MACs of each module that owns a weight (convs, linears), by its name.</summary>
    public Dictionary<string, long> WeightMacs { get; } = new(StringComparer.Ordinal);

    public static ModuleMeasurement Of(ModelPlan plan, int imageSize)
    {
        var m = new ModuleMeasurement();
        random.manual_seed(0);
        using var model = new PlanModel(plan);
        foreach (var (key, tensor) in model.state_dict())
            m.TensorSizes[key] = tensor.numel();

        var removers = new List<Action>();
        var weights = model.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal))
            .ToDictionary(p => p.name[..^".weight".Length], p => p.parameter.numel(), StringComparer.Ordinal);
        foreach (var (name, module) in model.named_modules())
        {
            if (name.Length == 0 || module is not nn.Module<Tensor, Tensor> typed) continue;
            var remover = typed.register_forward_hook((_, input, output) =>
            {
                m.Inputs[name] = input.shape.Skip(1).ToArray();
                m.Outputs[name] = output.shape.Skip(1).ToArray();
                // Output positions: H·W for a conv map, the length for ECA's conv1d, 1 for the classifier (batch 1).
                if (weights.TryGetValue(name, out var weightElements))
                    m.WeightMacs[name] = weightElements * (output.numel() / output.shape[1]);
                return output;
            });
            removers.Add(remover.remove);
        }

        // PlanModel.forward calls its children's forward (no hooks); call them one by one as it does.
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var children = model.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
            var x = ((nn.Module<Tensor, Tensor>)children["stem"]).call(randn(1, 3, imageSize, imageSize));
            foreach (var stage in (ModuleList<Sequential>)children["stages"])
                x = stage.call(x);
            if (children.TryGetValue("final_conv", out var final))
                x = ((nn.Module<Tensor, Tensor>)final).call(x);
            x = ((nn.Module<Tensor, Tensor>)children["final_act"]).call(x);
            ((nn.Module<Tensor, Tensor>)children["head"]).call(x);
        }
        foreach (var remove in removers) remove();
        return m;
    }

    /// <summary>Elements of the state_dict tensors under <paramref name="prefix"/> (the tensor itself, or "prefix.*").</summary>
    public long ParametersUnder(string prefix) =>
        TensorSizes.Where(t => t.Key == prefix || t.Key.StartsWith(prefix + ".", StringComparison.Ordinal)).Sum(t => t.Value);

    /// <summary>MACs of the convs and linears under <paramref name="prefix"/>.</summary>
    public long MacsUnder(string prefix) =>
        WeightMacs.Where(t => t.Key == prefix || t.Key.StartsWith(prefix + ".", StringComparison.Ordinal)).Sum(t => t.Value);
}
