using System;
using System.Linq;
using Nfnet.Benchmarking;
using Xunit;

namespace Nfnet.Analysis.Tests.Benchmarking;

/// <summary>
/// The plain-conv baseline of `nfnet bench` times the convolutions the plan says the network runs; they must be the
/// ones the real network runs, at the sizes it runs them: checked against forward hooks on a built module.
/// </summary>
public class ConvWorkloadTests
{
    [Theory]
    [InlineData("test_nfnet", 64)]
    [InlineData("nf_regnet_b0", 65)]
    [InlineData("nf_ecaresnet26", 64)]
    [InlineData("nf_seresnet26", 33)]
    public void The_workload_is_every_standardized_conv_of_the_real_network_at_its_size(string variant, int imageSize)
    {
        var plan = Plans.Shipped(variant);
        var real = ModuleMeasurement.Of(plan, imageSize);
        // The weight-standardized convs: every module with a gain beside its weight (SE/ECA convs and the classifier have none).
        var convs = real.TensorSizes.Keys.Where(k => k.EndsWith(".gain", StringComparison.Ordinal)).Select(k => k[..^".gain".Length]).ToArray();

        var workload = ConvWorkload.Of(plan, imageSize);

        Assert.Equal(convs.Length, workload.Count);
        Assert.Equal(convs.Sum(name => real.WeightMacs[name]), workload.Sum(c => c.Macs));
        // And conv by conv, in the order the network runs them (the hooks record them in call order).
        var realInOrder = real.WeightMacs.Keys.Where(convs.Contains).Select(name => real.WeightMacs[name]).ToArray();
        Assert.Equal(realInOrder, workload.Select(c => c.Macs).ToArray());
    }
}
