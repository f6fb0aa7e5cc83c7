using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Optim;

/// <summary>
/// SGD with (Nesterov) momentum and Adaptive Gradient Clipping, as DeepMind's SGD_AGC (nfnets/optim.py):
/// <code>
/// if clipping &gt; 0:  max = clipping · max(‖p‖ᵤ, eps);  g = ‖g‖ᵤ &gt; max ? g · max / max(‖g‖ᵤ, 1e-6) : g
/// g += weight_decay · p            (decay after clipping)
/// buf = momentum · buf + g;  g = nesterov ? g + momentum · buf : buf
/// p -= lr · g
/// </code>
/// where ‖·‖ᵤ is <see cref="UnitwiseNorm"/>. Each parameter group carries its own lr, weight decay and
/// clipping (≤ 0 = not clipped). Create the optimizer after moving the model (<c>.to()</c> replaces Parameter
/// objects). Momentum buffers round-trip through <c>save_state_dict</c>/<c>load_state_dict</c>.
/// </summary>
public sealed class AgcSgd : OptimizerHelper, optim.IMomentum
{
    /// <summary>Default AGC threshold λ (DeepMind: 0.01).</summary>
    public const double DefaultClipping = 0.01;

    /// <summary>Default floor on parameter norms so zero-initialised parameters can still move.</summary>
    public const double DefaultEps = 1e-3;

    /// <summary>Floor on gradient norms in the clip ratio.</summary>
    public const double GradNormFloor = 1e-6;

    /// <summary>Creates the optimizer over explicit parameter groups; unset group options take these defaults.</summary>
    public AgcSgd(
        IEnumerable<ParamGroup> groups,
        double lr,
        double momentum = 0.9,
        double weightDecay = 0.0,
        bool nesterov = true,
        double clipping = DefaultClipping,
        double eps = DefaultEps)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (lr < 0.0) throw new ArgumentOutOfRangeException(nameof(lr), lr, "Must be non-negative.");
        if (momentum < 0.0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Must be non-negative.");
        if (weightDecay < 0.0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Must be non-negative.");
        if (nesterov && momentum <= 0.0) throw new ArgumentException("Nesterov momentum needs momentum > 0.", nameof(nesterov));

        _defaults = new Options
        {
            LearningRate = lr,
            InitialLearningRate = lr,
            momentum = momentum,
            weight_decay = weightDecay,
            nesterov = nesterov,
            clipping = clipping,
            eps = eps,
        };
        _parameter_groups = new List<TorchSharp.Modules.ParamGroup>();
        foreach (var group in groups) add_param_group(group);
    }

    /// <summary>Creates the optimizer over one group holding <paramref name="parameters"/>.</summary>
    public AgcSgd(
        IEnumerable<Parameter> parameters,
        double lr,
        double momentum = 0.9,
        double weightDecay = 0.0,
        bool nesterov = true,
        double clipping = DefaultClipping,
        double eps = DefaultEps)
        : this(new[] { new ParamGroup(parameters) }, lr, momentum, weightDecay, nesterov, clipping, eps)
    {
    }

    /// <summary>
    /// DeepMind's NFNet recipe (experiment_nfnets.py, _make_opt): parameters whose name contains "gain" or
    /// "bias" (conv gains and biases, skipinit_gain, SE and classifier biases) are clipped but not decayed; the
    /// classifier weight is decayed but not clipped; everything else is clipped and decayed. Frozen
    /// parameters (requires_grad false) are left out. Empty groups are not created.
    /// </summary>
    public static AgcSgd ForNfnet(
        nn.Module model,
        double lr,
        double weightDecay = 2e-5,
        double momentum = 0.9,
        bool nesterov = true,
        double clipping = DefaultClipping,
        double eps = DefaultEps,
        string classifierWeightName = "head.fc.weight")
    {
        ArgumentNullException.ThrowIfNull(model);
        var grouping = NfnetParameterGroups.Split(model, classifierWeightName);
        var groups = new List<ParamGroup>();
        if (grouping.GainsAndBiases.Count > 0)
            groups.Add(new ParamGroup(grouping.GainsAndBiases, weightDecay: 0.0, clipping: clipping));
        if (grouping.ClassifierWeights.Count > 0)
            groups.Add(new ParamGroup(grouping.ClassifierWeights, weightDecay: weightDecay, clipping: 0.0));
        if (grouping.Weights.Count > 0)
            groups.Add(new ParamGroup(grouping.Weights, weightDecay: weightDecay, clipping: clipping));
        return new AgcSgd(groups, lr, momentum, weightDecay, nesterov, clipping, eps);
    }

    /// <inheritdoc/>
    public double Momentum
    {
        get => ((Options)_defaults).momentum!.Value;
        set
        {
            ((Options)_defaults).momentum = value;
            foreach (var group in _parameter_groups) ((Options)group.Options).momentum = value;
        }
    }

    /// <summary>Momentum buffer of <paramref name="parameter"/>, or null before its first step.</summary>
    public Tensor? MomentumBuffer(Parameter parameter) =>
        _state.TryGetValue(parameter.Handle, out var state) ? ((State)state).momentum_buffer : null;

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        return _step<ParamGroup>(group =>
        {
            var options = group.Options;
            double lr = options.LearningRate!.Value;
            double momentum = options.momentum!.Value;
            double weightDecay = options.weight_decay!.Value;
            bool nesterov = options.nesterov!.Value;
            double clipping = options.clipping!.Value;
            double eps = options.eps!.Value;

            foreach (var param in group.Parameters)
            {
                var grad = param.grad;
                if (grad is null) continue;

                // Everything happens in place in the gradient, which the step consumes: clipped by a per-unit factor
                // (as timm's AGC does), weight decay added, the Nesterov look-ahead added, then applied. No full-size
                // temporary is made; memory traffic, not arithmetic, bounds this step on CPU. The arithmetic and its
                // order are those of the out-of-place form, so the results are bit-identical to it.
                if (clipping > 0.0) grad.mul_(ClipFactor(param, grad, clipping, eps));
                if (weightDecay != 0.0) grad.add_(param, alpha: weightDecay);

                if (momentum != 0.0)
                {
                    var state = (State)_state[param.Handle];
                    if (state.momentum_buffer is null)
                        state.momentum_buffer = grad.clone().detach().DetachFromDisposeScope();
                    else
                        state.momentum_buffer.mul_(momentum).add_(grad);
                    if (nesterov)
                        grad.add_(state.momentum_buffer, alpha: momentum);
                    else
                        grad.copy_(state.momentum_buffer);
                }

                param.add_(grad, alpha: -lr);
            }
        }, closure);
    }

    /// <summary>
    /// AGC of one gradient: units whose gradient norm exceeds clipping·max(‖p‖, eps) are rescaled to exactly
    /// that norm; the others are returned bit-identical (torch.where picks the original values).
    /// </summary>
    public static Tensor Clip(Tensor param, Tensor grad, double clipping, double eps)
    {
        ArgumentNullException.ThrowIfNull(param);
        ArgumentNullException.ThrowIfNull(grad);
        using var scope = NewDisposeScope();
        return grad.mul(ClipFactor(param, grad, clipping, eps)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per unit: max_norm / max(‖g‖, 1e-6) where ‖g‖ exceeds max_norm = clipping · max(‖p‖, eps), else exactly 1,
    /// so multiplying by it leaves unclipped units bit-identical. Shaped to broadcast over the gradient.
    /// </summary>
    public static Tensor ClipFactor(Tensor param, Tensor grad, double clipping, double eps)
    {
        using var scope = NewDisposeScope();
        var maxNorm = UnitwiseNorm.Compute(param).clamp_min(eps).mul(clipping);
        var gradNorm = UnitwiseNorm.Compute(grad);
        var factor = maxNorm.div(gradNorm.clamp_min(GradNormFloor));
        return where(gradNorm.gt(maxNorm), factor, ones_like(factor)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        var defaults = (Options)_defaults;
        param_group.Options ??= new Options();
        if (param_group.Options is not Options options)
            throw new ArgumentException($"AgcSgd parameter groups need {nameof(AgcSgd)}.{nameof(Options)}.", nameof(param_group));

        options.LearningRate ??= defaults.LearningRate;
        options.momentum ??= defaults.momentum;
        options.weight_decay ??= defaults.weight_decay;
        options.nesterov ??= defaults.nesterov;
        options.clipping ??= defaults.clipping;
        options.eps ??= defaults.eps;
        options.InitialLearningRate = options.LearningRate!.Value;

        // Materialise: a lazily enumerated group would yield new Parameter wrappers on every pass.
        param_group.Parameters = param_group.Parameters.ToList();
        _parameter_groups.Add(param_group);
        foreach (var p in param_group.Parameters)
        {
            var state = new State(p);
            state.Initialize(options);
            _state[p.Handle] = state;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (_, state) in _state) ((State)state).Dispose();
            _state.Clear();
        }
        base.Dispose(disposing);
    }

    /// <summary>Per-group hyperparameters (lower-case names follow TorchSharp's optimizer options).</summary>
    public sealed class Options : OptimizerOptions
    {
#pragma warning disable IDE1006, CA1051 // TorchSharp's option classes use public lower-case fields.
        /// <summary>Momentum factor.</summary>
        public double? momentum;

        /// <summary>L2 weight decay, added to the gradient after clipping.</summary>
        public double? weight_decay;

        /// <summary>Nesterov momentum.</summary>
        public bool? nesterov;

        /// <summary>AGC threshold λ; 0 or less disables clipping for the group.</summary>
        public double? clipping;

        /// <summary>Floor on the parameter norm in AGC.</summary>
        public double? eps;
#pragma warning restore IDE1006, CA1051

        /// <inheritdoc/>
        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(momentum!.Value);
            writer.Write(weight_decay!.Value);
            writer.Write(nesterov!.Value);
            writer.Write(clipping!.Value);
            writer.Write(eps!.Value);
        }

        /// <inheritdoc/>
        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            momentum = reader.ReadDouble();
            weight_decay = reader.ReadDouble();
            nesterov = reader.ReadBoolean();
            clipping = reader.ReadDouble();
            eps = reader.ReadDouble();
        }

        /// <inheritdoc/>
        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var other = (Options)source;
            momentum = other.momentum;
            weight_decay = other.weight_decay;
            nesterov = other.nesterov;
            clipping = other.clipping;
            eps = other.eps;
        }
    }

    /// <summary>A parameter group with its own lr, weight decay and clipping.</summary>
    public sealed class ParamGroup : ParamGroup<Options>
    {
        /// <summary>Creates a group; null options inherit the optimizer's defaults.</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? weightDecay = null, double? clipping = null)
            : base(parameters, new Options { LearningRate = lr, weight_decay = weightDecay, clipping = clipping })
        {
        }
    }

    /// <summary>Per-parameter state: the momentum buffer.</summary>
    public sealed class State : OptimizerState, IDisposable
    {
#pragma warning disable IDE1006, CA1051 // Mirrors TorchSharp's SGD.State.
        /// <summary>Momentum buffer, null until the parameter's first step.</summary>
        public Tensor? momentum_buffer;
#pragma warning restore IDE1006, CA1051

        /// <summary>Creates empty state for <paramref name="parameter"/>.</summary>
        public State(Parameter parameter) : base(parameter)
        {
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            momentum_buffer?.Dispose();
            momentum_buffer = null;
        }

        /// <inheritdoc/>
        public override void Initialize(OptimizerOptions options) => momentum_buffer = null;

        /// <inheritdoc/>
        public override void to(Device device)
        {
            if (momentum_buffer is null) return;
            var moved = momentum_buffer.to(device);
            if (!ReferenceEquals(moved, momentum_buffer))
            {
                momentum_buffer.Dispose();
                momentum_buffer = moved.DetachFromDisposeScope();
            }
        }

        /// <inheritdoc/>
        public override void SaveStateDict(BinaryWriter writer) => SaveConditionalStateTensor(writer, momentum_buffer);

        /// <inheritdoc/>
        public override void LoadStateDict(BinaryReader reader) =>
            LoadConditionalStateTensor(reader, ref momentum_buffer, _parameter.device);

        /// <inheritdoc/>
        public override void LoadStateDict(OptimizerState source)
        {
            var other = (State)source;
            momentum_buffer?.Dispose();
            momentum_buffer = other.momentum_buffer?.clone().DetachFromDisposeScope();
        }

        /// <inheritdoc/>
        public override bool ApproximatelyEquals(OptimizerState other) =>
            other is State rhs
            && (momentum_buffer is null
                ? rhs.momentum_buffer is null
                : rhs.momentum_buffer is not null && momentum_buffer.allclose(rhs.momentum_buffer));
    }
}
