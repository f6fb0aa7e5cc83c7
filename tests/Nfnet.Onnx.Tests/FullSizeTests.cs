using Nfnet.Training.Models;
using Xunit;

namespace Nfnet.Onnx.Tests;

/// <summary>
/// The shipped NFNet-F0 (the generated class) at its test size, 256 px, random weights: ONNX Runtime against the
/// TorchSharp forward. About 10 s and 300 MB of disk, so it runs in the fast suite.
/// </summary>
public class FullSizeTests
{
    [Fact]
    public void F0_at_its_test_size_matches_the_TorchSharp_forward()
    {
        var network = NetworkFactory.Create("F0", specPath: null);
        using var model = network.Module;
        RandomWeights.Randomize(model, seed: 8);
        using var dir = new TempDirectory();
        Assert.Equal(256, network.Plan.TestImageSize);
        Reference.AssertMatches("F0 at 256", Reference.Compare(model, network.Plan, network.Plan.TestImageSize, dir.Path));
    }
}
