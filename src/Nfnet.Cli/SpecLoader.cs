using System;
using System.Collections.Generic;
using System.IO;
using Nfnet.Dsl;

namespace Nfnet.Cli;

/// <summary>Reads and compiles spec files, naming each by its display path so diagnostics point where the user looks.</summary>
public static class SpecLoader
{
    /// <summary>Returns null, after telling <paramref name="error"/> which file, when a file cannot be read.</summary>
    public static IReadOnlyList<SpecCompilation>? CompileAll(IReadOnlyList<SpecSource> sources, TextWriter error)
    {
        var compilations = new List<SpecCompilation>();
        foreach (var source in sources)
        {
            string text;
            try
            {
                text = File.ReadAllText(source.FullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"nfnet: cannot read '{source.DisplayPath}': {e.Message}");
                return null;
            }
            compilations.Add(SpecCompiler.Compile(source.DisplayPath, text));
        }
        return compilations;
    }
}
