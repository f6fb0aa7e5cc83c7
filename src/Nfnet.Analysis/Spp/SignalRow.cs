namespace Nfnet.Analysis.Spp;

/// <summary>
/// The residual stream at one point of the network: after the stem (<see cref="Index"/> 0, <see cref="Stage"/> -1)
/// or after block <see cref="Index"/> - 1. Variances are per channel over batch, height and width, then averaged
/// over channels, as in the signal propagation plots of Brock, De and Smith (arXiv 2101.08692).
/// </summary>
/// <param name="Name">"stem" or the block's state_dict prefix, e.g. "stages.2.3".</param>
/// <param name="IsTransition">The first block of a stage (its shortcut is a projection, pooled when strided).</param>
/// <param name="DmExpectedVariance">DeepMind's expected_std² recurrence, the variance β is designed to undo.</param>
/// <param name="MeanFieldVariance">Infinite-width prediction that also counts the shortcut's 2×2 average pooling.</param>
/// <param name="MeasuredVariance">Average channel variance of the stream.</param>
/// <param name="MeasuredMeanSquare">Average squared channel mean of the stream.</param>
/// <param name="BranchVariance">
/// Var(out - in) / α²: the residual branch's own variance, measurable only where the shortcut is the identity; NaN at
/// the stem and at transitions.
/// </param>
public sealed record SignalRow(
    int Index,
    int Stage,
    string Name,
    bool IsTransition,
    double DmExpectedVariance,
    double MeanFieldVariance,
    double MeasuredVariance,
    double MeasuredMeanSquare,
    double BranchVariance);
