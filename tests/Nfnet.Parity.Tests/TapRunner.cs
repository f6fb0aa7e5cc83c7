using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Parity.Tests;

/// <summary>
/// Runs a generated NFNet (or a PlanModel) module by module, recording the outputs timm's fixture hooks recorded: every
/// stem child (convs before their activation), the stem, each block, each stage, the final conv, the features, the
/// pooled vector and the logits. It only calls the network's own submodules, in their registered order.
/// </summary>
internal static class TapRunner
{
    public static Dictionary<string, Tensor> Run(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var taps = new Dictionary<string, Tensor>();
        var stem = (NfStem)modules["stem"];
        var x = input;
        foreach (var (name, child) in stem.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)child).call(x);
            taps[$"stem.{name}"] = x;
        }
        if (stem.MaxPool)
        {
            x = NfStem.Pool(x, stem.Padding);
            taps["stem.pool"] = x;
        }
        taps["stem"] = x;

        var blocks = modules.Where(m => m.Value is NormFreeBlock).Select(m => m.Key).ToList();
        foreach (var name in blocks)
        {
            x = ((NormFreeBlock)modules[name]).call(x);
            taps[name] = x;
            var stage = name.Substring(0, name.LastIndexOf('.'));
            taps[stage] = x; // the last block of a stage overwrites it with the stage's output
        }
        if (modules.TryGetValue("final_conv", out var finalConv))
        {
            x = ((nn.Module<Tensor, Tensor>)finalConv).call(x);
            taps["final_conv"] = x;
        }
        x = ((nn.Module<Tensor, Tensor>)modules["final_act"]).call(x);
        taps["features"] = x;
        taps["pooled"] = x.mean(new long[] { 2, 3 });
        taps["logits"] = ((nn.Module<Tensor, Tensor>)modules["head"]).call(x);
        return taps;
    }
}
