using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>
/// Metadata references for compiling generated code: everything this test process runs on (the framework,
/// TorchSharp, Nfnet.Runtime), which is exactly what a consumer of the generator compiles against.
/// </summary>
internal static class References
{
    /// <summary>Nfnet.Models already holds generated NfnetF0 etc.; referencing it would make the test's copies clash (CS0436).</summary>
    private static readonly string[] Excluded = ["Nfnet.Models.dll"];

    public static IReadOnlyList<MetadataReference> All { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Excluded.Contains(Path.GetFileName(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
}
