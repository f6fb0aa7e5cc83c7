using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Attributes;

/// <summary>
/// Compiles an <c>[NfnetModel]</c> the same way as a YAML variant: its arguments become a <see cref="VariantDecl"/>
/// whose values point at the C# arguments, placed in a file next to the shipped F/F+ variants so <c>Base</c> can name
/// them, then resolved, validated and lowered by <see cref="SpecCompiler.Lower"/>. Never throws except on cancellation.
/// </summary>
public static class AttributeSpecCompiler
{
    public static SpecCompilation Compile(AttributeSpec spec, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SpecDiagnostic>();
        IReadOnlyList<ModelPlan> plans = [];
        SpecFile? file = null;
        try
        {
            var variant = ToVariant(spec, diagnostics);
            if (ShippedSpecs.Names.Contains(spec.ClassName))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateVariant.At(spec.ClassSpan,
                    $"class '{spec.ClassName}' has the name of a shipped variant; rename the class and use Base = \"{spec.ClassName}\" to build on it"));
            }
            else
            {
                // Base resolves against the shipped variants, which every compilation can inherit from.
                file = new SpecFile(spec.FilePath, spec.Namespace, new TextValue(spec.Namespace, spec.ClassSpan), "", null, [variant], IsAttributeSpec: true);
                plans = SpecCompiler.Lower(file, diagnostics, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.At(spec.AttributeSpan,
                $"internal compiler error ({e.GetType().Name}: {e.Message}); please report it with this attribute"));
        }
        var located = diagnostics.Select(d => InThisFile(d, spec)).Distinct()
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal);
        var ordered = located.ToEquatableArray();
        var stubs = file is null ? [] : ModelStubs.For(file, plans, ordered);
        return new SpecCompilation(spec.FilePath, plans.ToEquatableArray(), ordered, stubs.ToEquatableArray());
    }

    /// <summary>The variant the attribute declares: named after the class, every argument as a typed, located value.</summary>
    public static VariantDecl ToVariant(AttributeSpec spec, List<SpecDiagnostic> diagnostics)
    {
        var fields = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
        var setBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in spec.Arguments)
        {
            var property = AttributeProperties.Find(argument.Name);
            if (property is null)
                continue; // not one of ours (the C# compiler already rejects unknown names)
            if (setBy.TryGetValue(property.FieldKey, out var other))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateKey.At(argument.Span,
                    $"'{argument.Name}' and '{other}' both set '{property.FieldKey}'; set only one of them"));
                continue;
            }
            setBy.Add(property.FieldKey, argument.Name);
            fields[property.FieldKey] = ToValue(property, argument, diagnostics);
        }
        fields["className"] = new TextValue(spec.ClassName, spec.ClassSpan);
        // Problems of the variant as a whole (a missing required key) are reported on the attribute.
        return new VariantDecl(new TextValue(spec.ClassName, spec.AttributeSpan), fields);
    }

    private static SpecValue ToValue(AttributeProperty property, AttributeArgument argument, List<SpecDiagnostic> diagnostics)
    {
        if (property.IsArray)
        {
            if (!argument.IsArray)
                return Null(property, argument, diagnostics);
            var items = argument.Values.Select(v => Scalar(property, v, argument, diagnostics)).ToList();
            return items.Any(i => i is InvalidValue) ? new InvalidValue(argument.Span) : new ListValue(items, IsBroadcast: false, argument.Span);
        }
        if (argument.Values.Count != 1)
            return Null(property, argument, diagnostics);
        var value = Scalar(property, argument.Values[0], argument, diagnostics);
        if (value is InvalidValue)
            return value;
        // 'base' is a list of names in the spec language; a broadcast key is one value for every stage.
        if (property.FieldKey == "base")
            return new ListValue([value], IsBroadcast: false, value.Span);
        return property.Broadcast ? new ListValue([value], IsBroadcast: true, value.Span) : value;
    }

    private static SpecValue Scalar(AttributeProperty property, AttributeScalar scalar, AttributeArgument argument, List<SpecDiagnostic> diagnostics) =>
        scalar switch
        {
            { Integer: { } i } => property.Type is AttributePropertyType.Double or AttributePropertyType.DoubleArray
                ? new NumberValue(i, scalar.Span)
                : new IntegerValue(i, scalar.Span),
            { Number: { } n } when !double.IsNaN(n) && !double.IsInfinity(n) => new NumberValue(n, scalar.Span),
            { Number: { } n } => Wrong(property, scalar.Span, n.ToString(CultureInfo.InvariantCulture), "a finite number", diagnostics),
            { Text: { } t } => new TextValue(t, scalar.Span),
            { Boolean: { } b } => new BooleanValue(b, scalar.Span),
            _ => Null(property, argument, diagnostics),
        };

    private static SpecValue Null(AttributeProperty property, AttributeArgument argument, List<SpecDiagnostic> diagnostics) =>
        Wrong(property, argument.Span, "null", property.IsArray ? "an array" : "a value", diagnostics);

    private static SpecValue Wrong(AttributeProperty property, SourceSpan span, string actual, string expected, List<SpecDiagnostic> diagnostics)
    {
        diagnostics.Add(DiagnosticCatalog.WrongType.At(span, $"'{property.Name}' must be {expected}, not {actual}"));
        return new InvalidValue(span);
    }

    /// <summary>
    /// A problem found in an inherited shipped value (say, F0's four depths against a two-stage Width) has a span in the
    /// embedded YAML, which the user cannot open; it is reported on the attribute instead.
    /// </summary>
    private static SpecDiagnostic InThisFile(SpecDiagnostic diagnostic, AttributeSpec spec) =>
        diagnostic.Span.Path == spec.FilePath ? diagnostic : diagnostic with { Span = spec.AttributeSpan };
}
