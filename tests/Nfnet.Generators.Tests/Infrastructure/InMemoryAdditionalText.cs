using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>An additional file held in memory. A null text stands for a file the host could not read.</summary>
internal sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    private readonly SourceText? _text = text is null ? null : SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}
