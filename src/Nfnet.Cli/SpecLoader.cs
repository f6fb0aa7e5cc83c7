using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
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
                text = ReadText(source.FullPath);
            }
            catch (DecoderFallbackException)
            {
                error.WriteLine($"nfnet: cannot read '{source.DisplayPath}': it is not UTF-8 text (a binary file, or another encoding?)");
                return null;
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

    /// <summary>
    /// Reads UTF-8 strictly (UTF-16 and UTF-32 with a byte-order mark too): an invalid byte throws instead of
    /// silently becoming U+FFFD, so a binary file is named as one rather than compiled into confusing YAML errors.
    /// </summary>
    private static string ReadText(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
