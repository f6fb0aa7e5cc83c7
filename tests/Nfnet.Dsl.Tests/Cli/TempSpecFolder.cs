using System;
using System.IO;

namespace Nfnet.Dsl.Tests.Cli;

/// <summary>A fresh folder under the system temp path for specs a test writes; deleted on dispose.</summary>
internal sealed class TempSpecFolder : IDisposable
{
    public TempSpecFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "nfnet-cli-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> ('/'-separated), creating folders.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
