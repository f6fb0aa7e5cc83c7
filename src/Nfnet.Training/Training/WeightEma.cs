using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Nfnet.Training.Training;

/// <summary>
/// Exponential moving average of a model's weights, with DeepMind's warm-up of the decay (the tf1_ema rule):
/// decay_t = min(decay, (1 + t) / (10 + t)), shadow = decay_t·shadow + (1 − decay_t)·weight.
/// </summary>
public sealed class WeightEma : IDisposable
{
    private readonly Dictionary<string, Tensor> _shadow;

    /// <summary>Starts the average at the model's current weights.</summary>
    public WeightEma(nn.Module model, double decay)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (decay <= 0.0 || decay >= 1.0) throw new ArgumentOutOfRangeException(nameof(decay), decay, "Must be in (0, 1).");
        Decay = decay;
        using (no_grad())
            _shadow = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>The long-run decay (the recipe: 0.99999).</summary>
    public double Decay { get; }

    /// <summary>The averaged tensors by state_dict name.</summary>
    public IReadOnlyDictionary<string, Tensor> Shadow => _shadow;

    /// <summary>The decay used after optimizer step <paramref name="step"/> (0-based).</summary>
    public double DecayAt(long step) => Math.Min(Decay, (1.0 + step) / (10.0 + step));

    /// <summary>Folds the model's current weights into the average.</summary>
    public void Update(nn.Module model, long step)
    {
        ArgumentNullException.ThrowIfNull(model);
        double d = DecayAt(step);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach (var (name, value) in model.state_dict())
            {
                var shadow = _shadow[name];
                if (shadow.is_floating_point()) shadow.mul_(d).add_(value, alpha: 1.0 - d);
                else shadow.copy_(value);
            }
        }
    }

    /// <summary>Copies the averages into <paramref name="model"/> and returns a handle that restores its own weights when disposed.</summary>
    public IDisposable SwapInto(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = model.state_dict();
        Dictionary<string, Tensor> saved;
        using (no_grad())
        {
            saved = target.ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
            foreach (var (name, t) in target) t.copy_(_shadow[name]);
        }
        return new Restore(model, saved);
    }

    /// <summary>Overwrites the averages (resuming from a checkpoint).</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> averages)
    {
        ArgumentNullException.ThrowIfNull(averages);
        using (no_grad())
            foreach (var (name, shadow) in _shadow) shadow.copy_(averages[name]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in _shadow.Values) t.Dispose();
        _shadow.Clear();
    }

    private sealed class Restore(nn.Module model, Dictionary<string, Tensor> saved) : IDisposable
    {
        public void Dispose()
        {
            using (no_grad())
                foreach (var (name, t) in model.state_dict()) t.copy_(saved[name]);
            foreach (var t in saved.Values) t.Dispose();
            saved.Clear();
        }
    }
}
