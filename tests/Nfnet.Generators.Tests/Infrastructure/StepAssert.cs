using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Sdk;

namespace Nfnet.Generators.Tests.Infrastructure;

/// <summary>Assertions over the driver's step tracking: which steps reran, and what their outputs hold.</summary>
internal static class StepAssert
{
    /// <summary>Every constant of <see cref="TrackingNames"/>, so a newly named step is checked without touching the tests.</summary>
    public static IReadOnlyList<string> TrackingNamesOfGenerator { get; } =
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    public static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs) : [];

    /// <summary>Nothing had to be recomputed into a different value, and no source or diagnostic was produced again.</summary>
    public static void NothingRegenerated(GeneratorRunResult result)
    {
        foreach (var name in TrackingNamesOfGenerator)
            foreach (var (value, reason) in Outputs(result, name))
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} gave {reason} for {Describe(value)}");
        foreach (var (name, steps) in result.TrackedOutputSteps)
            foreach (var (value, reason) in steps.SelectMany(s => s.Outputs))
                Assert.True(reason == IncrementalStepRunReason.Cached, $"output {name} gave {reason} for {Describe(value)}");
    }

    /// <summary>
    /// Walks every step output's object graph and fails on compiler objects: a symbol, syntax node or compilation kept in
    /// the pipeline roots old compilations and compares by reference, so nothing downstream could ever be cached.
    /// </summary>
    public static void HoldsNoCompilerObjects(GeneratorRunResult result)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // Only our steps: Roslyn's own ForAttributeWithMetadataName internals legitimately hold syntax trees.
        foreach (var name in TrackingNamesOfGenerator)
            foreach (var (value, _) in Outputs(result, name))
                Walk(value, name, visited);
    }

    private static void Walk(object? node, string path, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || node is decimal)
            return;
        if (node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel || node is Location { IsInSource: true })
            throw new XunitException($"{path} holds a {node.GetType().Name}");
        if (!node.GetType().IsValueType && !visited.Add(node))
            return;
        if (node is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                Walk(item, $"{path}[{i++}]", visited);
            return;
        }
        for (var type = node.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(field.GetValue(node), $"{path}.{field.Name}", visited);
    }

    private static string Describe(object value)
    {
        var text = value.ToString() ?? value.GetType().Name;
        return text.Length > 160 ? text.Substring(0, 160) + "…" : text;
    }
}
