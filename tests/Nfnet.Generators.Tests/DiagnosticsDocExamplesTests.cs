using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Nfnet.Generators.Tests.Infrastructure;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>The C# examples of docs/diagnostics.md (codes only attribute specs can cause) are true: the failing one reports its code, the fix nothing.</summary>
public sealed class DiagnosticsDocExamplesTests
{
    [Theory]
    [InlineData("NFN024")]
    public void Attribute_only_code_examples_behave_as_documented(string code)
    {
        var markdown = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md")).Replace("\r\n", "\n");
        var section = Regex.Match(markdown, $@"^## {code} — .*?(?=^## NFN|\z)", RegexOptions.Multiline | RegexOptions.Singleline).Value;
        var blocks = Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, blocks.Count);

        var failing = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Example.cs", blocks[0])));
        Assert.Contains(failing.Diagnostics, d => d.Id == code);

        var fixedExample = GeneratorHarness.Run(GeneratorHarness.Compilation(("/repo/Example.cs", blocks[1])));
        Assert.Empty(fixedExample.Diagnostics);
    }
}
