using System.Linq;
using Xunit;

namespace Nfnet.Dsl.Tests;

/// <summary>Which classes a spec with errors stubs: its concrete variants without a plan, under the names they would have.</summary>
public class ModelStubTests
{
    [Fact]
    public void OnlyConcreteVariantsWithoutAPlanGetAStubUnderTheirClassName()
    {
        var result = Specs.Compile("""
            classPrefix: My
            variants:
              Template: { abstract: true, width: [256], depth: [1], trainImageSize: 64, groupWidth: 8 }
              Good: { base: Template }
              Bad+: { base: Template, alpha: 3.5 }
              Named: { base: Template, dropRate: 1.5, className: SpecialNet }
            """);

        Assert.Equal(["Good"], result.Plans.Select(p => p.Name));
        Assert.Equal([("Bad+", "MyBadPlus"), ("Named", "SpecialNet")], result.Stubs.Select(s => (s.VariantName, s.ClassName)));
        // Both carry the file's first error: alpha's 3.5 on line 5 at column 34.
        Assert.All(result.Stubs, s => Assert.Equal((2, "NFN009", 5, 34), (s.ErrorCount, s.FirstErrorCode, s.FirstErrorLine, s.FirstErrorColumn)));
        Assert.All(result.Stubs, s => Assert.Equal("Nfnet.Models", s.Namespace));
    }

    [Fact]
    public void ASyntaxErrorStubsTheVariantsReadBeforeIt()
    {
        var result = Specs.Compile("namespace: A.B\nvariants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\n  F1:\n    width: [256\n");

        Assert.Empty(result.Plans);
        Assert.Equal(["NfnetF0", "NfnetF1"], result.Stubs.Select(s => s.ClassName));
        Assert.All(result.Stubs, s => Assert.Equal(("A.B", "NFN001", 5, 12), (s.Namespace, s.FirstErrorCode, s.FirstErrorLine, s.FirstErrorColumn)));
    }

    [Fact]
    public void ASpecWithoutErrorsOrWithABadNamespaceHasNoStubs()
    {
        Assert.Empty(Specs.Compile("variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, groupWidth: 8 }\n").Stubs);
        Assert.Empty(Specs.Compile("namespace: My.2Models\nvariants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\n").Stubs);
    }
}
