using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Generators.Attributes;
using Nfnet.Generators.Diagnostics;
using Nfnet.Generators.Models;

namespace Nfnet.Generators.Analyzers;

/// <summary>
/// Reports the diagnostics of [NfnetModel] attribute specs at their C# source locations, so editors squiggle the
/// offending argument while you type. A generator can only report a location it carries as plain values (an
/// external-file location, shown in the build and the Error List but never under the code); an analyzer sees the
/// syntax tree. It reads each class exactly as the generator does (AttributeSpecReader, AttributeSpecs.Compile), and
/// the generator no longer reports these diagnostics itself, so each appears once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NfnetModelAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = NfnetDescriptors.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // The generator adds the attribute to every compilation; without the generator there is nothing to check.
            if (start.Compilation.GetTypeByMetadataName(AttributeProperties.AttributeMetadataName) is { } attributeType)
                start.RegisterSymbolAction(symbol => Analyze(symbol, attributeType), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).Parent?.Parent is not ClassDeclarationSyntax node)
                continue;
            var extraction = AttributeSpecReader.Read(node, type, attribute, context.CancellationToken);
            var compiled = AttributeSpecs.Compile((extraction, ""), context.CancellationToken);
            foreach (var diagnostic in compiled.Diagnostics)
                context.ReportDiagnostic(ToDiagnostic(diagnostic, node.SyntaxTree, context.Compilation));
        }
    }

    /// <summary>At the span in the class's own file (or the file the span names); a span no tree holds goes on the attribute's file start.</summary>
    private static Diagnostic ToDiagnostic(DiagnosticInfo info, SyntaxTree classTree, Compilation compilation)
    {
        var descriptor = NfnetDescriptors.For(info.Code, info.Severity);
        if (!NfnetDescriptors.All.Contains(descriptor))
            descriptor = NfnetDescriptors.For(DiagnosticCatalog.InternalError.Code, DiagnosticCatalog.InternalError.Severity); // only catalog codes are supported
        var tree = info.Location is { } at
            ? at.FilePath == classTree.FilePath ? classTree : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == at.FilePath)
            : null;
        var location = tree is not null && info.Location is { } where && where.Span.End <= tree.Length
            ? Location.Create(tree, where.Span)
            : Location.None;
        return Diagnostic.Create(descriptor, location, info.Message);
    }
}
