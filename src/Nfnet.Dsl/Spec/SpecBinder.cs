using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Syntax;

namespace Nfnet.Dsl.Spec;

/// <summary>
/// Turns the YAML tree into a <see cref="SpecFile"/>: checks every key against <see cref="FieldCatalog"/>
/// and every value against its kind, reporting unknown keys (with a suggestion) and wrong types.
/// </summary>
public static class SpecBinder
{
    /// <summary>No model has more stages than this; longer lists are typos or attacks.</summary>
    public const int MaxListLength = 64;

    public static SpecFile Bind(string path, YamlNode? root, List<SpecDiagnostic> diagnostics)
    {
        var defaults = new SpecFile(path, (string)FieldCatalog.FileFields[0].Default!, null, (string)FieldCatalog.FileFields[1].Default!, null, []);
        if (root is null || root is YamlScalar { IsPlain: true, Value: "" or "~" or "null" })
        {
            if (!diagnostics.Any(d => d.IsError))
                diagnostics.Add(DiagnosticCatalog.NoVariants.At(SourceSpan.StartOf(path), "the spec is empty; write a mapping with 'variants:'"));
            return defaults;
        }
        if (root is not YamlMapping file)
        {
            diagnostics.Add(DiagnosticCatalog.WrongType.At(root.Span, $"a spec file must be a mapping with 'variants:', not {root.Describe()}"));
            return defaults;
        }

        TextValue? ns = null, prefix = null;
        var variants = new List<VariantDecl>();
        var sawVariants = false;
        foreach (var entry in Unique(file.Entries, DiagnosticCatalog.DuplicateKey, "key", diagnostics))
        {
            var key = entry.Key.Value;
            switch (key)
            {
                case "namespace":
                    ns = ReadValue(FieldCatalog.FileFields[0], entry.Value, diagnostics) as TextValue;
                    break;
                case "classPrefix":
                    prefix = ReadValue(FieldCatalog.FileFields[1], entry.Value, diagnostics) as TextValue;
                    break;
                case "variants":
                    sawVariants = true;
                    BindVariants(entry.Value, variants, diagnostics);
                    break;
                default:
                    diagnostics.Add(UnknownKey(entry.Key, FieldCatalog.FileFields.Select(f => f.Key), "at the top of a spec"));
                    break;
            }
        }
        if (!sawVariants)
            diagnostics.Add(DiagnosticCatalog.MissingField.At(file.Span, "the spec has no 'variants:' mapping"));
        else if (variants.Count == 0 && !diagnostics.Any(d => d.IsError))
            diagnostics.Add(DiagnosticCatalog.NoVariants.At(file.Span, "'variants:' is empty; nothing will be generated"));

        return defaults with { Namespace = ns?.Value ?? defaults.Namespace, NamespaceValue = ns, ClassPrefix = prefix?.Value ?? defaults.ClassPrefix, ClassPrefixValue = prefix, Variants = variants };
    }

    private static void BindVariants(YamlNode node, List<VariantDecl> variants, List<SpecDiagnostic> diagnostics)
    {
        if (node is not YamlMapping mapping)
        {
            diagnostics.Add(DiagnosticCatalog.WrongType.At(node.Span, $"'variants' must be a mapping from variant name to its fields, not {node.Describe()}"));
            return;
        }
        foreach (var entry in Unique(mapping.Entries, DiagnosticCatalog.DuplicateVariant, "variant", diagnostics))
        {
            var name = new TextValue(entry.Key.Value, entry.Key.Span);
            if (entry.Value is not YamlMapping body)
            {
                diagnostics.Add(DiagnosticCatalog.WrongType.At(entry.Value.Span, $"variant '{name.Value}' must be a mapping of fields, not {entry.Value.Describe()}"));
                continue;
            }
            var fields = new Dictionary<string, SpecValue>();
            foreach (var field in Unique(body.Entries, DiagnosticCatalog.DuplicateKey, "key", diagnostics))
                BindField(field.Key, field.Value, FieldCatalog.VariantFields, prefix: "", fields, diagnostics);
            variants.Add(new VariantDecl(name, fields));
        }
    }

    private static void BindField(YamlScalar key, YamlNode value, IReadOnlyList<FieldDef> allowed, string prefix,
        Dictionary<string, SpecValue> fields, List<SpecDiagnostic> diagnostics)
    {
        var def = allowed.FirstOrDefault(f => f.Key == key.Value);
        if (def is null)
        {
            var where = prefix.Length == 0 ? "in a variant" : $"in '{prefix.TrimEnd('.')}'";
            diagnostics.Add(UnknownKey(key, allowed.Select(f => f.Key), where));
            return;
        }
        if (def.Kind == FieldKind.Section)
        {
            if (value is not YamlMapping section)
            {
                diagnostics.Add(DiagnosticCatalog.WrongType.At(value.Span, $"'{key.Value}' must be a mapping, not {value.Describe()}"));
                return;
            }
            foreach (var child in Unique(section.Entries, DiagnosticCatalog.DuplicateKey, "key", diagnostics))
                BindField(child.Key, child.Value, def.Children!, prefix + def.Key + ".", fields, diagnostics);
            return;
        }
        fields[prefix + def.Key] = ReadValue(def, value, diagnostics, prefix + def.Key) ?? new InvalidValue(value.Span);
    }

    /// <summary>Reads a node as the kind the key expects, or reports why it cannot and returns null.</summary>
    private static SpecValue? ReadValue(FieldDef def, YamlNode node, List<SpecDiagnostic> diagnostics, string? displayKey = null)
    {
        var key = displayKey ?? def.Key;
        switch (def.Kind)
        {
            case FieldKind.Integer:
                return ReadInteger(node, key, diagnostics);
            case FieldKind.Number:
                return ReadNumber(node, key, diagnostics);
            case FieldKind.Boolean:
                if (node is YamlScalar { IsPlain: true, Value: "true" or "false" } b)
                    return new BooleanValue(b.Value == "true", b.Span);
                return WrongType(node, key, "true or false", diagnostics);
            case FieldKind.Text:
            case FieldKind.Choice:
                if (node is YamlScalar text)
                    return new TextValue(text.Value, text.Span);
                return WrongType(node, key, "a text value", diagnostics);
            case FieldKind.Names:
                if (node is YamlScalar single)
                    return new ListValue([new TextValue(single.Value, single.Span)], IsBroadcast: false, single.Span);
                return ReadList(node, key, item => item is YamlScalar s ? new TextValue(s.Value, s.Span) : WrongType(item, key, "a variant name", diagnostics), diagnostics, "a name or a list of names");
            case FieldKind.IntegerList:
                return ReadList(node, key, item => ReadInteger(item, key, diagnostics), diagnostics, "a list of whole numbers");
            case FieldKind.NumberList:
                return ReadList(node, key, item => ReadNumber(item, key, diagnostics), diagnostics, "a list of numbers");
            case FieldKind.PerStageInteger:
                if (node is YamlScalar)
                    return ReadInteger(node, key, diagnostics) is { } one ? new ListValue([one], IsBroadcast: true, one.Span) : null;
                return ReadList(node, key, item => ReadInteger(item, key, diagnostics), diagnostics, "a list with one whole number per stage");
            case FieldKind.PerStageNumber:
                if (node is YamlScalar)
                    return ReadNumber(node, key, diagnostics) is { } one ? new ListValue([one], IsBroadcast: true, one.Span) : null;
                return ReadList(node, key, item => ReadNumber(item, key, diagnostics), diagnostics, "a list with one number per stage");
            case FieldKind.PerStageChoice:
                if (node is YamlScalar choice)
                    return new ListValue([new TextValue(choice.Value, choice.Span)], IsBroadcast: true, choice.Span);
                return ReadList(node, key, item => item is YamlScalar t ? new TextValue(t.Value, t.Span) : WrongType(item, key, "a text value", diagnostics),
                    diagnostics, "a value or a list with one value per stage");
            default:
                return null;
        }
    }

    private static ListValue? ReadList(YamlNode node, string key, System.Func<YamlNode, SpecValue?> readItem, List<SpecDiagnostic> diagnostics, string expected)
    {
        if (node is not YamlSequence sequence)
            return (ListValue?)WrongType(node, key, expected, diagnostics);
        if (sequence.Items.Count > MaxListLength)
        {
            diagnostics.Add(DiagnosticCatalog.TooLarge.At(sequence.Span, $"'{key}' has {sequence.Items.Count} entries; at most {MaxListLength} are supported"));
            return null;
        }
        var items = new List<SpecValue>();
        var ok = true;
        foreach (var item in sequence.Items)
        {
            var value = readItem(item);
            if (value is null)
                ok = false;
            else
                items.Add(value);
        }
        return ok ? new ListValue(items, IsBroadcast: false, sequence.Span) : null;
    }

    private static IntegerValue? ReadInteger(YamlNode node, string key, List<SpecDiagnostic> diagnostics)
    {
        if (node is YamlScalar { IsPlain: true } s)
        {
            if (long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return new IntegerValue(value, s.Span);
            if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var big) && System.Math.Abs(big) >= long.MaxValue && System.Math.Floor(big) == big)
            {
                diagnostics.Add(DiagnosticCatalog.TooLarge.At(s.Span, $"'{key}' is {s.Value}, far beyond any supported size"));
                return null;
            }
        }
        return (IntegerValue?)WrongType(node, key, "a whole number", diagnostics);
    }

    private static NumberValue? ReadNumber(YamlNode node, string key, List<SpecDiagnostic> diagnostics)
    {
        if (node is YamlScalar { IsPlain: true } s
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && !double.IsNaN(value) && !double.IsInfinity(value))
            return new NumberValue(value, s.Span);
        return (NumberValue?)WrongType(node, key, "a finite number", diagnostics);
    }

    private static SpecValue? WrongType(YamlNode node, string key, string expected, List<SpecDiagnostic> diagnostics)
    {
        diagnostics.Add(DiagnosticCatalog.WrongType.At(node.Span, $"'{key}' must be {expected}, not {node.Describe()}"));
        return null;
    }

    /// <summary>The entries with first occurrences kept; each repeat is reported where it stands.</summary>
    private static IEnumerable<KeyValuePair<YamlScalar, YamlNode>> Unique(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries,
        DiagnosticKind kind, string what, List<SpecDiagnostic> diagnostics)
    {
        var seen = new Dictionary<string, YamlScalar>(System.StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(entry.Key.Value, out var first))
            {
                diagnostics.Add(kind.At(entry.Key.Span,
                    $"{what} '{entry.Key.Value}' appears twice (first at line {first.Span.Line}, column {first.Span.Column})"));
                continue;
            }
            seen.Add(entry.Key.Value, entry.Key);
            yield return entry;
        }
    }

    private static SpecDiagnostic UnknownKey(YamlScalar key, IEnumerable<string> known, string where)
    {
        var candidates = known.ToList();
        var suggestion = Suggestions.Closest(key.Value, candidates);
        // A short list helps; the variant's forty keys would bury the message, so those point at the docs instead.
        var hint = suggestion is not null ? $"did you mean '{suggestion}'?"
            : candidates.Count <= 10 ? $"known keys: {string.Join(", ", candidates)}"
            : "docs/spec-language.md lists every key";
        return DiagnosticCatalog.UnknownKey.At(key.Span, $"unknown key '{key.Value}' {where}; {hint}");
    }
}
