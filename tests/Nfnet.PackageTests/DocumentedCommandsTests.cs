using System.IO;
using Xunit;

namespace Nfnet.PackageTests;

/// <summary>The commands the package tests run are the ones the docs tell users to run.</summary>
public sealed class DocumentedCommandsTests
{
    private static string Doc(string relative) => File.ReadAllText(Path.Combine(RepoPaths.Root, relative));

    [Theory]
    [InlineData("docs/generator.md", DocumentedCommands.Pack)]
    [InlineData("docs/generator.md", DocumentedCommands.ToolInstall)]
    [InlineData("README.md", DocumentedCommands.Pack)]
    [InlineData("README.md", DocumentedCommands.ToolInstall)]
    [InlineData("docs/cli.md", DocumentedCommands.BuildCliToFolder)]
    [InlineData("docs/cli.md", DocumentedCommands.PublishCliToFolder)]
    public void The_doc_gives_the_command_the_tests_run(string doc, string command) =>
        Assert.Contains("\n" + command + "\n", Doc(doc).Replace("\r\n", "\n"));

    [Fact]
    public void A_placeholder_that_is_not_in_the_command_is_an_error_not_a_silent_no_op() =>
        Assert.Throws<System.ArgumentException>(() => DocumentedCommands.Arguments(DocumentedCommands.Pack, ("feed", "/tmp/x")));
}
