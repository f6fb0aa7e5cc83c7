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

    [Fact]
    public void A_value_that_cannot_be_read_hides_no_other_mistake()
    {
        // The five mistakes on five lines: a quoted number, an unknown activation, two ranges and a stride.
        var result = Specs.Compile("""
            variants:
              Five:
                width: [64, 128, 256]
                depth: [1, 1, 1]
                groupWidth: 16
                trainImageSize: "64"
                activation: swish
                alpha: 3.5
                stride: [1, 3, 2]
                dropRate: 1.5
            """);

        Assert.Equal(new[] { ("NFN003", 6, 21), ("NFN008", 7, 17), ("NFN009", 8, 12), ("NFN009", 9, 17), ("NFN009", 10, 15) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void A_per_stage_list_of_the_wrong_length_hides_no_range_error_of_another_key()
    {
        var result = Specs.Compile("""
            variants:
              Lengths:
                width: [64, 128]
                depth: [1, 1, 1]
                groupWidth: 16
                alpha: 2.0
                stride: 3
                expansion: [0.5, 20]
                trainImageSize: 64
            """);

        Assert.Equal(new[] { ("NFN005", 4, 12), ("NFN009", 6, 12), ("NFN009", 7, 13), ("NFN009", 8, 22) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void A_mistake_in_an_abstract_base_is_reported_once_at_the_base()
    {
        var result = Specs.Compile("""
            variants:
              Template:
                abstract: true
                alpha: 7
              A: { base: Template, width: [64], depth: [1], groupWidth: 16, trainImageSize: 64 }
              B: { base: Template, width: [64], depth: [1], groupWidth: 16, trainImageSize: 64 }
              C: { base: Template, width: [64], depth: [1], groupWidth: 16, trainImageSize: 64 }
            """);

        Assert.Equal(new[] { ("NFN009", 4, 12) }, result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void Widths_the_rounding_makes_impossible_are_reported_with_the_other_mistakes()
    {
        // Zero groups in stage 0 and a stem with no channels used to wait until every other mistake was fixed.
        var result = Specs.Compile("""
            variants:
              Narrow:
                width: [64, 256]
                depth: [1, 1]
                alpha: 3
                trainImageSize: 64
              Quad:
                width: [64, 128]
                depth: [1, 1]
                groupWidth: 16
                stemType: deep_quad
                stemWidth: 4
                dropRate: -1
                trainImageSize: 64
            """);

        Assert.Equal(new[] { ("NFN007", 3, 13), ("NFN009", 5, 12), ("NFN006", 12, 16), ("NFN009", 13, 15) },
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
    }
}
