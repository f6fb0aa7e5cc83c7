using Xunit;

namespace Nfnet.Generators.Tests;

public sealed class RelativePathsTests
{
    [Theory]
    [InlineData("/work/repo/specs/a.nfnet.yaml", "/work/repo", "specs/a.nfnet.yaml")]
    [InlineData("/work/repo/specs/a.nfnet.yaml", "/work/repo/", "specs/a.nfnet.yaml")]
    [InlineData("/work/repo/specs/a.nfnet.yaml", "/work/repo/src/Models", "../../specs/a.nfnet.yaml")]
    [InlineData("/work/repo/specs/a.nfnet.yaml", "", "a.nfnet.yaml")]
    [InlineData(@"C:\repo\specs\a.nfnet.yaml", @"c:\repo", "specs/a.nfnet.yaml")]
    [InlineData(@"D:\other\a.nfnet.yaml", @"C:\repo", "a.nfnet.yaml")]
    public void Paths_are_relative_to_the_root_with_forward_slashes(string path, string root, string expected) =>
        Assert.Equal(expected, RelativePaths.Of(path, root));

    [Theory]
    [InlineData("/work/repo/src/Models/../../specs/a.nfnet.yaml", "/work/repo/specs/a.nfnet.yaml")]
    [InlineData("/work/./repo/specs/a.nfnet.yaml", "/work/repo/specs/a.nfnet.yaml")]
    [InlineData(@"C:\repo\src\..\specs\a.nfnet.yaml", @"C:\repo\specs\a.nfnet.yaml")]
    public void Dot_segments_are_folded_away(string path, string expected) =>
        Assert.Equal(expected, RelativePaths.Normalize(path));
}
