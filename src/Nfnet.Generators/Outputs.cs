using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Emit;
using Nfnet.Generators.Models;

namespace Nfnet.Generators;

/// <summary>The generator's outputs: sources through the emitter, diagnostics on their own. None of them throws.</summary>
internal static class Outputs
{
    /// <summary>UTF-8 without a byte-order mark: the bytes `nfnet emit` writes, so both agree file for file.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void AddAttribute(IncrementalGeneratorPostInitializationContext context)
    {
        var file = NfnetModelAttributeSource.Create();
        context.AddSource(file.HintName, SourceText.From(file.Text, Utf8));
    }

    public static void AddVariant(SourceProductionContext context, VariantSource variant)
    {
        try
        {
            var file = ModelEmitter.EmitModel(variant.Plan, variant.OriginPath, isPublic: !variant.IsInternal);
            context.AddSource(variant.HintName ?? file.HintName, SourceText.From(file.Text, Utf8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(GeneratorFailure.At(LocationInfo.StartOf(variant.Plan.SourcePath), e).ToDiagnostic());
        }
    }

    public static void AddStub(SourceProductionContext context, StubSource stub)
    {
        try
        {
            var file = ModelEmitter.EmitStub(stub.Stub, stub.OriginPath, stub.HintName, stub.CompletesUserClass);
            context.AddSource(file.HintName, SourceText.From(file.Text, Utf8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(GeneratorFailure.At(null, e).ToDiagnostic());
        }
    }

    public static void AddZoo(SourceProductionContext context, ZooModel zoo)
    {
        try
        {
            // A clash is reported by its own output (ZooPlans.Report), where it knows the name's location.
            Report(context, zoo.Diagnostics);
            if (zoo.Plans.Count == 0 || zoo.Clashes.Count > 0 || zoo.Diagnostics.Count > 0)
                return;
            var file = ModelEmitter.EmitZoo(zoo.Plans, zoo.Namespace);
            context.AddSource(file.HintName, SourceText.From(file.Text, Utf8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(GeneratorFailure.At(null, e).ToDiagnostic());
        }
    }

    public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
    }
}
