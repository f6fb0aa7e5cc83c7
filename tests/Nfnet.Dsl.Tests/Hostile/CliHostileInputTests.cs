using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using Nfnet.Dsl.Tests.Cli;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>`nfnet check` and `nfnet summary` on paths and files that are not specs: a clear message naming the path, a non-zero exit, never a stack trace.</summary>
public class CliHostileInputTests
{
    public static TheoryData<string> Commands => new() { "check", "summary" };

    private static void AssertCleanFailure(CliResult result, int exitCode, string expectedInError)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expectedInError, result.Error);
        foreach (var output in new[] { result.Out, result.Error })
        {
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("Exception", output);
            Assert.DoesNotContain("NFN999", output);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void MissingFileIsNamed(string command)
    {
        using var folder = new TempSpecFolder();

        var result = CliRun.In(folder.Root, command, "missing.nfnet.yaml");

        AssertCleanFailure(result, 2, "nfnet: path 'missing.nfnet.yaml' does not exist");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void FileUsedAsAFolderDoesNotExist(string command)
    {
        using var folder = new TempSpecFolder();
        folder.Write("spec.nfnet.yaml", Specs.ShippedText);

        var result = CliRun.In(folder.Root, command, "spec.nfnet.yaml/inner.nfnet.yaml");

        AssertCleanFailure(result, 2, "'spec.nfnet.yaml/inner.nfnet.yaml' does not exist");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void FolderNamedLikeASpecIsSearchedNotRead(string command)
    {
        using var folder = new TempSpecFolder();
        Directory.CreateDirectory(Path.Combine(folder.Root, "looks.nfnet.yaml"));

        var result = CliRun.In(folder.Root, command, "looks.nfnet.yaml");

        AssertCleanFailure(result, 2, "nfnet: no *.nfnet.yaml files in 'looks.nfnet.yaml'");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void PathWithANulCharacterIsRejected(string command)
    {
        var result = CliRun.Shipped(command, "specs\0evil");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("nfnet: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void InvalidUtf8IsNamedAsNotText(string command)
    {
        using var folder = new TempSpecFolder();
        // Valid YAML around a lone continuation byte and an overlong encoding.
        var bytes = Encoding.UTF8.GetBytes("variants:\n  F0: { description: x").Concat(new byte[] { 0x80, 0xC0, 0xAF })
            .Concat(Encoding.UTF8.GetBytes(", width: [256], depth: [1], trainImageSize: 64 }\n"));
        File.WriteAllBytes(Path.Combine(folder.Root, "bad.nfnet.yaml"), bytes.ToArray());

        var result = CliRun.In(folder.Root, command, "bad.nfnet.yaml");

        AssertCleanFailure(result, 1, "nfnet: cannot read 'bad.nfnet.yaml': it is not UTF-8 text");
        Assert.Equal("", result.Out);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void BinaryFileIsNamedAsNotText(string command)
    {
        using var folder = new TempSpecFolder();
        var random = new Random(20210211);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        File.WriteAllBytes(Path.Combine(folder.Root, "image.nfnet.yaml"), bytes);

        var result = CliRun.In(folder.Root, command, "image.nfnet.yaml");

        AssertCleanFailure(result, 1, "nfnet: cannot read 'image.nfnet.yaml': it is not UTF-8 text");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Utf8TextWithNulAndControlCharactersIsASpecError(string command)
    {
        using var folder = new TempSpecFolder();
        folder.Write("nul.nfnet.yaml", "variants:\n  F0: { width: [256]\0, depth: [1], trainImageSize: 64 }\n\u0007");

        var result = CliRun.In(folder.Root, command, "nul.nfnet.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nul.nfnet.yaml(", result.Out + result.Error);
        Assert.DoesNotContain("   at ", result.Out + result.Error);
        Assert.DoesNotContain("NFN999", result.Out + result.Error);
    }

    [Fact]
    public void Utf16WithAByteOrderMarkIsStillRead()
    {
        using var folder = new TempSpecFolder();
        File.WriteAllText(Path.Combine(folder.Root, "wide.nfnet.yaml"), Specs.ShippedText, Encoding.Unicode);

        var result = CliRun.In(folder.Root, "check", "wide.nfnet.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 file, 16 variants, 0 errors, 0 warnings\n", result.Out);
    }

    [Fact]
    public void SymbolicLinkLoopIsSearchedOnce()
    {
        using var folder = new TempSpecFolder();
        folder.Write("specs/a.nfnet.yaml", Specs.ShippedText);
        Directory.CreateSymbolicLink(Path.Combine(folder.Root, "specs", "loop"), Path.Combine(folder.Root, "specs"));

        var result = CliRun.In(folder.Root, "check", "specs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 file, 16 variants, 0 errors, 0 warnings\n", result.Out);
    }

    [PermissionsBlockReadsFact]
    [UnsupportedOSPlatform("windows")]
    public void UnreadableFolderIsNamed()
    {
        using var folder = new TempSpecFolder();
        folder.Write("specs/locked/a.nfnet.yaml", Specs.ShippedText);
        var locked = Path.Combine(folder.Root, "specs", "locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = CliRun.In(folder.Root, "check", "specs");

            AssertCleanFailure(result, 2, "nfnet: cannot read 'specs': ");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [PermissionsBlockReadsFact]
    [UnsupportedOSPlatform("windows")]
    public void UnreadableFileIsNamed()
    {
        using var folder = new TempSpecFolder();
        var path = folder.Write("a.nfnet.yaml", Specs.ShippedText);
        File.SetUnixFileMode(path, UnixFileMode.None);

        var result = CliRun.In(folder.Root, "check", "a.nfnet.yaml");

        AssertCleanFailure(result, 1, "nfnet: cannot read 'a.nfnet.yaml': ");
    }
}
