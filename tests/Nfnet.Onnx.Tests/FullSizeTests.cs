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

    /// <summary>
    /// The largest shipped variant, F7+ (829,551,960 parameters, 3.3 GB of float32: above protobuf's 2 GB cap), exported
    /// with its tensors in external data and run at 224 px (the pads follow the size, the weights do not).
    /// </summary>
    [LargeFact]
    public void F7_plus_is_written_with_external_data_and_matches_the_TorchSharp_forward()
    {
        var network = NetworkFactory.Create("F7+", specPath: null);
        using var model = network.Module;
        RandomWeights.Randomize(model, seed: 9);
        using var dir = new TempDirectory();
        Reference.AssertMatches("F7+ at 224", Reference.Compare(model, network.Plan, 224, dir.Path));
        Assert.True(new System.IO.FileInfo(dir.File("F7+.onnx.data")).Length > 3_000_000_000L);
        Assert.True(new System.IO.FileInfo(dir.File("F7+.onnx")).Length < 1_000_000);
    }
}
