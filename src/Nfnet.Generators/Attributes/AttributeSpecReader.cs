using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Generators.Models;

namespace Nfnet.Generators.Attributes;

/// <summary>
/// The transform of ForAttributeWithMetadataName: reads an [NfnetModel] class into an <see cref="AttributeSpec"/> of
/// plain values, with the span of every argument, and checks that the class can be completed by a generated part.
/// </summary>
internal static class AttributeSpecReader
{
    public const string ModuleBaseType = "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>";

    public static AttributeExtraction Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Read((ClassDeclarationSyntax)context.TargetNode, (INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken);

    /// <summary>The generator's transform and <see cref="Analyzers.NfnetModelAnalyzer"/> both read a class through here.</summary>
    public static AttributeExtraction Read(ClassDeclarationSyntax node, INamedTypeSymbol symbol, AttributeData attribute, CancellationToken cancellationToken)
    {
        var classSpan = Span(node.Identifier.GetLocation());
        try
        {
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var problems = ClassProblems(node, symbol, classSpan).ToList();
            if (problems.Count > 0)
                return new AttributeExtraction(null, false, problems.ToEquatableArray());

            var arguments = new List<AttributeArgument>();
            foreach (var named in attribute.NamedArguments)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (named.Value.Kind == TypedConstantKind.Error)
                    continue; // the C# compiler reports it
                var syntax = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == named.Key);
                arguments.Add(ReadArgument(named.Key, named.Value, syntax, attributeSyntax));
            }
            var spec = new AttributeSpec(
                symbol.Name,
                symbol.ContainingNamespace.ToDisplayString(),
                node.SyntaxTree.FilePath,
                classSpan,
                attributeSyntax is null ? classSpan : Span(attributeSyntax.GetLocation()),
                arguments.ToEquatableArray());
            return new AttributeExtraction(spec, symbol.DeclaredAccessibility != Accessibility.Public, EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new AttributeExtraction(null, false, new EquatableArray<DiagnosticInfo>([GeneratorFailure.At(LocationInfo.From(classSpan), e)]));
        }
    }

    /// <summary>What stops a generated "sealed partial class X : nn.Module&lt;Tensor, Tensor&gt;" from completing the class.</summary>
    private static IEnumerable<DiagnosticInfo> ClassProblems(ClassDeclarationSyntax node, INamedTypeSymbol symbol, SourceSpan classSpan)
    {
        var at = LocationInfo.From(classSpan);
        var name = symbol.Name;
        var kind = DiagnosticCatalog.ClassCannotBeCompleted;
        if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            yield return DiagnosticInfo.Of(kind, $"class '{name}' has [NfnetModel] but is not partial; declare it 'partial class {name}' so the generator can complete it", at);
        if (symbol.ContainingType is not null)
            yield return DiagnosticInfo.Of(kind, $"class '{name}' is nested in '{symbol.ContainingType.Name}'; [NfnetModel] classes must be top-level", at);
        if (symbol.TypeParameters.Length > 0)
            yield return DiagnosticInfo.Of(kind, $"class '{name}' is generic; [NfnetModel] classes cannot have type parameters", at);
        if (symbol.IsStatic || symbol.IsAbstract)
            yield return DiagnosticInfo.Of(kind, $"class '{name}' is {(symbol.IsStatic ? "static" : "abstract")}; the generated model is a sealed class that can be constructed", at);
        if (symbol.BaseType is { SpecialType: not SpecialType.System_Object } baseType && baseType.ToDisplayString() != ModuleBaseType)
            yield return DiagnosticInfo.Of(kind, $"class '{name}' derives from '{baseType.ToDisplayString()}'; the generated part derives from nn.Module<Tensor, Tensor>, so remove the base class", at);
        if (symbol.ContainingNamespace.IsGlobalNamespace)
            yield return DiagnosticInfo.Of(DiagnosticCatalog.InvalidNamespace, $"class '{name}' is in the global namespace; put [NfnetModel] classes in a namespace", at);
    }

    private static AttributeArgument ReadArgument(string name, TypedConstant constant, AttributeArgumentSyntax? syntax, AttributeSyntax? attribute)
    {
        var argumentSpan = Span((syntax as SyntaxNode ?? attribute)?.GetLocation());
        if (constant.Kind != TypedConstantKind.Array)
        {
            var valueSpan = syntax is null ? argumentSpan : Span(syntax.Expression.GetLocation());
            return new AttributeArgument(name, argumentSpan, IsArray: false, new EquatableArray<AttributeScalar>([Scalar(constant.Value, valueSpan)]));
        }
        if (constant.IsNull)
            return new AttributeArgument(name, argumentSpan, IsArray: false, EquatableArray<AttributeScalar>.Empty);
        // Point each element's diagnostic at the element itself when the syntax lines up with the values.
        var elements = syntax is null ? [] : Elements(syntax.Expression);
        var values = constant.Values
            .Select((v, i) => Scalar(v.Value, elements.Count == constant.Values.Length ? Span(elements[i].GetLocation()) : argumentSpan));
        return new AttributeArgument(name, argumentSpan, IsArray: true, values.ToEquatableArray());
    }

    private static IReadOnlyList<ExpressionSyntax> Elements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => [],
    };

    private static AttributeScalar Scalar(object? value, SourceSpan span) => value switch
    {
        int i => new AttributeScalar(i, null, null, span),
        long l => new AttributeScalar(l, null, null, span),
        double d => new AttributeScalar(null, d, null, span),
        float f => new AttributeScalar(null, f, null, span),
        string s => new AttributeScalar(null, null, s, span),
        bool b => new AttributeScalar(null, null, null, span, b),
        _ => new AttributeScalar(null, null, null, span),
    };

    /// <summary>A Roslyn location as the compiler core's span: 0-based offsets, 1-based line and column.</summary>
    private static SourceSpan Span(Location? location)
    {
        if (location is null)
            return default;
        var lines = location.GetLineSpan();
        return new SourceSpan(
            lines.Path,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            lines.StartLinePosition.Line + 1,
            lines.StartLinePosition.Character + 1,
            lines.EndLinePosition.Line + 1,
            lines.EndLinePosition.Character + 1);
    }
}
