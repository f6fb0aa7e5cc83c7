using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;

namespace Nfnet.Training.Tests;

/// <summary>A two-stage NFNet small enough to train in seconds, with dropout and stochastic depth switched on.</summary>
internal static class TinySpec
{
    public const string Yaml = """
        namespace: Tiny
        variants:
          T:
            width: [16, 32]
            depth: [1, 2]
            groupWidth: 8
            stem: [8]
            stochasticDepthRate: 0.2
            dropRate: 0.2
            trainImageSize: 32
            testImageSize: 32
            numClasses: 4
        """;

    public static ModelPlan Plan() => ModelSpecs.Find(ModelSpecs.Compile("tiny.nfnet.yaml", Yaml), "T");

    public static string WriteTo(string directory)
    {
        var path = System.IO.Path.Combine(directory, "tiny.nfnet.yaml");
        System.IO.File.WriteAllText(path, Yaml);
        return path;
    }
}
