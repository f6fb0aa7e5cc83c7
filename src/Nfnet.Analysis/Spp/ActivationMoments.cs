using System;
using Nfnet.Runtime;
using static TorchSharp.torch;

namespace Nfnet.Analysis.Spp;

/// <summary>
/// Var(γ·f(√q·z)) for z ~ N(0, 1): how a γ-scaled activation maps the variance of a Gaussian input. Computed by
/// the trapezoid rule on [-10, 10] in float64 with the runtime's own activation, so every activation a spec can
/// name is covered; 4001 nodes put the quadrature error far below anything a measurement can resolve.
/// </summary>
public sealed class ActivationMoments : IDisposable
{
    private const int Nodes = 4001;
    private const double Bound = 10.0;

    private readonly Tensor _nodes;
    private readonly Tensor _weights;
    private readonly string _activation;
    private readonly GeluForm _gelu;
    private readonly double _gamma;

    public ActivationMoments(string activation, GeluForm gelu)
    {
        _activation = activation;
        _gelu = gelu;
        _gamma = Activations.GammaOf(activation);
        _nodes = linspace(-Bound, Bound, Nodes, dtype: ScalarType.Float64);
        double step = 2.0 * Bound / (Nodes - 1);
        // Standard normal density times the step; the two end nodes carry half weight (trapezoid rule).
        _weights = _nodes.square().mul(-0.5).exp().mul(step / Math.Sqrt(2.0 * Math.PI));
        _weights[0] = _weights[0] * 0.5;
        _weights[Nodes - 1] = _weights[Nodes - 1] * 0.5;
    }

    /// <summary>The variance of γ·f(x) for x ~ N(0, <paramref name="inputVariance"/>).</summary>
    public double OutputVariance(double inputVariance)
    {
        using var scope = NewDisposeScope();
        var values = Activations.ApplyUnscaled(_activation, _nodes.mul(Math.Sqrt(inputVariance)), _gelu).mul(_gamma);
        double mean = values.mul(_weights).sum().item<double>();
        double meanSquare = values.square().mul(_weights).sum().item<double>();
        return meanSquare - mean * mean;
    }

    public void Dispose()
    {
        _nodes.Dispose();
        _weights.Dispose();
    }
}
