using System.Linq;
using Nfnet.Dsl.Lowering;
using Nfnet.Training.Models;

namespace Nfnet.Analysis.Tests;

/// <summary>The plans the tests look at: shipped variants by name, and small specs written here.</summary>
internal static class Plans
{
    public static ModelPlan Shipped(string name) => ModelSpecs.Find(ModelSpecs.BuiltIn(), name);

    public static ModelPlan Compile(string yaml, string variant) => ModelSpecs.Find(ModelSpecs.Compile("test.nfnet.yaml", yaml), variant);

    /// <summary>
    /// A two-stage DeepMind-style NFNet: stem conv 3→8 /2 then 8→8 /2 (to width[0]/2), stage 0 one block 8→16,
    /// stage 1 two blocks 16→32 /2 with group width 8, SE on every block, conv2b, avg-pool shortcut, skip gains, final conv ×2.
    /// </summary>
    public const string TinyYaml = """
        namespace: Tiny
        variants:
          T:
            width: [16, 32]
            depth: [1, 2]
            groupWidth: 8
            stem: [8]
            trainImageSize: 32
            testImageSize: 32
            numClasses: 4
        """;

    public static ModelPlan Tiny() => Compile(TinyYaml, "T");

    /// <summary>The variants whose tables are compared with real modules: every stem, block, attention, shortcut and zero-init kind.</summary>
    public static readonly string[] Representative = ["test_nfnet", "nf_regnet_b0", "nf_ecaresnet26", "nf_seresnet26"];

    public static string[] Names(ModelPlan plan) => plan.Blocks.Select(b => b.Name).ToArray();
}
