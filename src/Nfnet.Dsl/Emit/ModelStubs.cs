using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl.Emit;

/// <summary>
/// A class the spec names but could not generate because the spec has errors. The generator emits a marked stub for
/// it (<see cref="StubWriter"/>), so code that uses the class fails with the spec's NFN errors, not with CS0246.
/// </summary>
/// <param name="ErrorCount">The spec's errors; <paramref name="FirstError"/> is where the first one is.</param>
public sealed record ModelStub(string VariantName, string ClassName, string Namespace, int ErrorCount, string FirstErrorCode, int FirstErrorLine, int FirstErrorColumn);

/// <summary>Which classes of a spec with errors get a stub.</summary>
public static class ModelStubs
{
    /// <summary>
    /// Every concrete variant of <paramref name="file"/> with no plan whose class name can be known and is free: its
    /// 'className', or the prefix and name ('+' as 'Plus'); none when the spec has no errors or no usable namespace.
    /// </summary>
    public static IReadOnlyList<ModelStub> For(SpecFile file, IEnumerable<ModelPlan> plans, IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).OrderBy(d => d.Span.Start).ToList();
        if (errors.Count == 0 || !IdentifierRules.IsNamespace(file.Namespace))
            return [];
        var first = errors[0];
        var planned = plans.ToList();
        var taken = new HashSet<string>(planned.Select(p => p.ClassName), StringComparer.Ordinal);
        var stubs = new List<ModelStub>();
        foreach (var variant in file.Variants)
        {
            var name = variant.Name.Value;
            var className = variant.Fields.TryGetValue("className", out var own) && own is TextValue text
                ? text.Value
                : file.ClassPrefix + Validation.ClassNames.FromVariantName(name);
            if (variant.IsAbstract || planned.Any(p => p.Name == name) || !IdentifierRules.IsVariantName(name)
                || !IdentifierRules.IsIdentifier(className) || !taken.Add(className))
                continue;
            stubs.Add(new ModelStub(name, className, file.Namespace, errors.Count, first.Code, first.Span.Line, first.Span.Column));
        }
        return stubs;
    }
}
