using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>
/// Mutates the shipped spec with fixed seeds and checks that the compiler never throws, every diagnostic points inside
/// the file, and every plan it still produces emits C# that parses. 1,500 mutants or 12 s in all by default; see <see cref="FuzzBudget"/>.
/// </summary>
public class SpecFuzzTests(ITestOutputHelper output)
{
    private const int Seeds = 3;

    [Theory]
    [InlineData(20210211)]
    [InlineData(71489284)]
    [InlineData(1700)]
    public void MutatedShippedSpecNeverThrowsAndEmitsParsableCode(int seed)
    {
        var budget = FuzzBudget.Share(defaultIterations: 1500, defaultSeconds: 12, shares: Seeds);
        var verified = new HashSet<ModelPlan>(); // plans already emitted and parsed: an unchanged variant is not re-parsed
        long done = 0, withPlans = 0, withErrors = 0, withSyntaxErrors = 0;
        for (; budget.Allows(done); done++)
        {
            var iterationSeed = unchecked(seed * 7919 + (int)done);
            var mutator = new SpecMutator(iterationSeed);
            var text = mutator.Mutate(Specs.ShippedText);
            try
            {
                var result = CompilerProbe.Compile(text);
                CompilerProbe.AssertSpansInside(text, result);
                // Every YAML syntax error the mutants provoke has a rule of its own, not YamlDotNet's bare words.
                var unexplained = result.Diagnostics.FirstOrDefault(d => d.Code == "NFN001" && YamlSyntaxErrors.IsUnexplained(d.Message));
                Assert.True(unexplained is null, $"unexplained YAML error: {unexplained}");
                if (result.Diagnostics.Any(d => d.Code == "NFN001"))
                    withSyntaxErrors++;
                foreach (var plan in result.Plans.Where(verified.Add))
                {
                    var file = ModelEmitter.EmitModel(plan, CompilerProbe.SpecPath);
                    GeneratedCode.AssertParses(file);
                    GeneratedCode.AssertNoDangerousCharacters(file);
                }
                if (result.Plans.Count > 0)
                {
                    var zoo = ModelEmitter.EmitZoo(result.Plans);
                    GeneratedCode.AssertParses(zoo);
                    GeneratedCode.AssertNoDangerousCharacters(zoo);
                    withPlans++;
                }
                if (result.HasErrors)
                    withErrors++;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"seed {seed}, iteration {done} (SpecMutator({iterationSeed}), edits {string.Join(",", mutator.Applied)}) on {CompilerProbe.Show(text)}:\n{e.Message}");
            }
        }

        output.WriteLine($"seed {seed}: {done} mutants in {budget.Elapsed.TotalSeconds:F1} s; {withPlans} still gave plans, {withErrors} had errors, {withSyntaxErrors} YAML syntax errors");
        // The mutations must exercise both paths, or the test checks little. The first mutants of a seed are always the
        // same, so on a machine too loaded to run many this still checks the same (fewer) ones.
        Assert.True(done >= 10, $"only {done} iterations ran");
        Assert.True(withPlans > 0 && withErrors > 0 && withSyntaxErrors > 0, $"{withPlans} mutants with plans, {withErrors} with errors, {withSyntaxErrors} with YAML syntax errors");
    }

    [Fact]
    public void ShippedSpecEmitsCodeThatParsesCleanly()
    {
        var plans = Specs.Shipped.Plans;

        Assert.Equal(16, plans.Count);
        GeneratedCode.AssertAllParse(plans, "specs/nfnet.nfnet.yaml");
    }

    [Fact]
    public void ParseCheckCatchesBrokenCodeAndBrokenDocComments()
    {
        // The checks above are only as good as this: a syntax error and a malformed doc comment must both be found.
        Assert.NotEmpty(GeneratedCode.Problems(new GeneratedFile("a.cs", "class A { void M() { \"unterminated; } }")));
        Assert.NotEmpty(GeneratedCode.Problems(new GeneratedFile("b.cs", "/// <summary>x</summary></summary>\nclass B { }")));
        Assert.Empty(GeneratedCode.Problems(new GeneratedFile("c.cs", "/// <summary>x &lt;/summary&gt;</summary>\nclass C { }")));
    }
}
