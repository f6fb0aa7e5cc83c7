namespace Nfnet.Dsl.Tests.Cli;

/// <summary>Small spec texts for CLI tests; positions in comments are counted by hand (1-based line, column).</summary>
internal static class CliSpecs
{
    /// <summary>Line 4 is "    depth: [1, 0]": the 0 sits at column 16 (4 spaces, "depth:" ends at 10, "[" at 12, "1" at 13).</summary>
    public const string ZeroDepth =
        "variants:\n" +
        "  F0:\n" +
        "    width: [256, 512]\n" +
        "    depth: [1, 0]\n" +
        "    trainImageSize: 192\n" +
        "    testImageSize: 256\n";

    /// <summary>
    /// Valid, but 250 px is not divisible by the total stride 8 (the stem strides 4, the two stages 1 and 2): a warning.
    /// Line 6 is "    testImageSize: 250": "testImageSize:" spans columns 5–18, so 250 starts at column 20.
    /// </summary>
    public const string OddTestSize =
        "variants:\n" +
        "  F0:\n" +
        "    width: [256, 512]\n" +
        "    depth: [1, 2]\n" +
        "    trainImageSize: 192\n" +
        "    testImageSize: 250\n";
}
