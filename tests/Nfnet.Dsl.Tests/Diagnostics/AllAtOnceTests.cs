using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests.Diagnostics;

public class AllAtOnceTests
{
    [Fact]
    public void IndependentMistakesAreAllReportedInSourceOrder()
    {
        var result = Specs.Compile("""
            variants:
              A:
                width: [256, 512]
                depth: [1, 1]
                trainImageSize: 64
                alpah: 0.3
              B:
                base: A
                activation: swish
              C:
                base: A
                dropRate: 1.5
            """);

        Assert.Equal(new[] { ("NFN002", 6, 5), ("NFN008", 9, 17), ("NFN009", 12, 15) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
        Assert.Equal("A", Assert.Single(result.Plans).Name);
    }

    [Fact]
    public void SeveralMistakesInOneVariantAreAllReported()
    {
        var result = Specs.Compile("""
            variants:
              A:
                width: [256, 0]
                depth: [1, 1]
                stride: [1, 3]
                alpha: 2
                trainImageSize: 64
            """);

        Assert.Equal(new[] { ("NFN006", 3, 18), ("NFN009", 5, 17), ("NFN009", 6, 12) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }
}
