using TorchSharp;
using System;
using System.IO;
using System.Linq;
using Nfnet.Runtime.Native;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Runtime.Tests;

public class NativeLibraryTests
{
    private const string NeededVersion = "GLIBCXX_3.4.32";

    [Fact]
    public void A_convolution_runs_so_the_native_library_loads()
    {
        using var input = ones(1, 1, 3, 3);
        using var kernel = ones(1, 1, 3, 3);
        using var output = F.conv2d(input, kernel);
        Assert.Equal(9.0f, output.item<float>());
    }

    [Fact]
    public void The_copy_in_this_output_folder_marks_the_missing_libstdcxx_version_weak()
    {
        if (!OperatingSystem.IsLinux() || HostLibStdCxx.Provides(NeededVersion)) return; // nothing to patch here

        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(library), $"expected the TorchSharp native library at {library}");

        var needs = ElfVersionNeeds.Read(library);
        var glibcxx32 = Assert.Single(needs, n => n.Version == NeededVersion);
        Assert.Equal("libstdc++.so.6", glibcxx32.File);
        Assert.True(glibcxx32.IsWeak);
        // Only that one requirement is weakened; everything the host does have stays strict.
        Assert.All(needs.Where(n => n.Version != NeededVersion), n => Assert.False(n.IsWeak, n.Version));
    }

    [Fact]
    public void The_reader_sees_the_requirements_readelf_lists()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(library)) return;

        var needs = ElfVersionNeeds.Read(library);
        // readelf -V on TorchSharp 0.107.0: 5 files, 1 + 1 + 1 + 5 + 20 = 28 version requirements in total.
        Assert.Equal(28, needs.Count);
        Assert.Equal(new[] { "ld-linux-x86-64.so.2", "libm.so.6", "libgcc_s.so.1", "libc.so.6", "libstdc++.so.6" },
            needs.Select(n => n.File).Distinct().ToArray());
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.34");
    }

    [Fact]
    public void The_host_check_finds_versions_by_name()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.NotNull(HostLibStdCxx.Locate());
        Assert.True(HostLibStdCxx.Provides("GLIBCXX_3.4"));          // every libstdc++.so.6 defines the base version
        Assert.False(HostLibStdCxx.Provides("GLIBCXX_99.0.0"));
    }

    [Fact]
    public void The_reader_rejects_files_that_are_not_ELF64()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Parse(new byte[128]));
    }
}
