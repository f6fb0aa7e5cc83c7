namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>Small specs and attribute sources the tests share. Tiny widths keep compiled models cheap to build.</summary>
internal static class TestSpecs
{
    public static string Tiny(string name, int width = 32) => $$"""
        namespace: Demo.Tiny
        variants:
          {{name}}:
            width: [{{width}}, {{width * 2}}]
            depth: [1, 1]
            groupWidth: 8
            stem: [8, 8, 16]
            trainImageSize: 32
        """;

    /// <summary>An internal class built on F0 with a few overrides: the attribute snapshot.</summary>
    public const string AttributeOnF0 = """
        using Nfnet;

        namespace Demo.Models;

        /// <summary>F0 with SiLU, for ten classes.</summary>
        [NfnetModel(Base = "F0", Activation = "silu", NumClasses = 10, StochasticDepthRate = 0.1,
            Description = "NFNet-F0 with SiLU for a ten-class task")]
        internal partial class SiluF0
        {
        }
        """;

    /// <summary>A public class with every stage spelled out, in collection-expression syntax.</summary>
    public const string AttributeStandalone = """
        using Nfnet;

        namespace Demo.Models;

        [NfnetModel(Width = [32, 64], Depth = [1, 2], GroupWidths = [8, 16], Stem = [8, 8, 16], SeRatio = 0.25,
            TrainImageSize = 64, WsEpsilon = "timm", Gelu = "erf", Padding = "symmetric")]
        public partial class TinyNet
        {
            /// <summary>A member of the user's own part, to show the generated part completes it.</summary>
            public static string Origin => "attribute";
        }
        """;

    public const string Unrelated = """
        namespace Demo.Models;

        public static class Unrelated
        {
            public static int Answer => 42;
        }
        """;
}
