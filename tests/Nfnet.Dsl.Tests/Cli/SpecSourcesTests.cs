using System.IO;
using System.Linq;
using Nfnet.Cli;
using Xunit;

namespace Nfnet.Dsl.Tests.Cli;

public class SpecSourcesTests
{
    [Fact]
    public void FoldersAreSearchedRecursivelyInOrdinalOrder()
    {
        using var folder = new TempSpecFolder();
        folder.Write("specs/b.nfnet.yaml", "");
        folder.Write("specs/B/z.nfnet.yaml", "");
        folder.Write("specs/a/deep/c.nfnet.yaml", "");
        folder.Write("specs/notes.yaml", "");

        Assert.True(SpecSources.TryExpand(["specs"], folder.Root, out var sources, out _));

        // Ordinal: upper case sorts before lower case.
        Assert.Equal(
            ["specs/B/z.nfnet.yaml", "specs/a/deep/c.nfnet.yaml", "specs/b.nfnet.yaml"],
            sources.Select(s => s.DisplayPath));
        Assert.All(sources, s => Assert.True(File.Exists(s.FullPath)));
    }

    [Fact]
    public void BuildOutputAndHiddenFoldersAreSkipped()
    {
        using var folder = new TempSpecFolder();
        folder.Write("real.nfnet.yaml", "");
        folder.Write("bin/Debug/specs/copy.nfnet.yaml", "");
        folder.Write("obj/copy.nfnet.yaml", "");
        folder.Write(".git/copy.nfnet.yaml", "");

        Assert.True(SpecSources.TryExpand(["."], folder.Root, out var sources, out _));

        Assert.Equal(["real.nfnet.yaml"], sources.Select(s => s.DisplayPath));
    }

    [Fact]
    public void ANamedFileIsTakenWhateverItsExtensionAndOnlyOnce()
    {
        using var folder = new TempSpecFolder();
        folder.Write("mine.yaml", "");
        folder.Write("x/y.nfnet.yaml", "");

        Assert.True(SpecSources.TryExpand(["mine.yaml", "x", "./x/y.nfnet.yaml"], folder.Root, out var sources, out _));

        Assert.Equal(["mine.yaml", "x/y.nfnet.yaml"], sources.Select(s => s.DisplayPath));
    }

    [Fact]
    public void AMissingPathIsNamed()
    {
        using var folder = new TempSpecFolder();

        Assert.False(SpecSources.TryExpand(["gone"], folder.Root, out _, out var error));

        Assert.Equal("path 'gone' does not exist", error);
    }
}
