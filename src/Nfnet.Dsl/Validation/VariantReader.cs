using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Validation;

/// <summary>
/// Typed, located access to a resolved variant's keys with the catalog's defaults. Every problem is reported once and
/// the value comes back null, so the caller can go on reading the other keys.
/// </summary>
internal sealed class VariantReader(ResolvedVariant variant, List<SpecDiagnostic> diagnostics)
{
    private SourceSpan NameSpan => variant.Decl.Name.Span;

    public Located<T> Default<T>(T value) => new(value, NameSpan);

    public SourceSpan SpanOf(string key) => variant.Fields.TryGetValue(key, out var v) ? v.Span : NameSpan;

    /// <summary>The length of the first of <paramref name="keys"/> written as a list, and that key; 1 when none is.</summary>
    public (int Count, string Key) StageCount(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
            if (variant.Fields.TryGetValue(key, out var value) && value is ListValue { IsBroadcast: false } list)
                return (list.Items.Count, key);
        return (1, keys[0]);
    }

    public Located<string>? Text(string key) =>
        variant.Fields.TryGetValue(key, out var v) && v is TextValue t ? new Located<string>(t.Value, t.Span) : null;

    /// <summary>A choice key: its value when it is one of the catalog's choices, else reported (with a suggestion) and null.</summary>
    public Located<string>? Choice(string key)
    {
        var def = FieldCatalog.Find(key)!;
        if (!variant.Fields.TryGetValue(key, out var value))
            return def.Default is string d ? Default(d) : null;
        return value is TextValue text ? CheckChoice(key, def, text) : null;
    }

    public Located<bool>? Boolean(string key)
    {
        if (!variant.Fields.TryGetValue(key, out var value))
            return FieldCatalog.Find(key)!.Default is bool d ? Default(d) : null;
        return value is BooleanValue b ? new Located<bool>(b.Value, b.Span) : null;
    }

    /// <summary>A scalar key as written, else its catalog default; null when unreadable, optional and unset, or required and missing (reported).</summary>
    public Located<T>? Scalar<T>(string key)
    {
        var def = FieldCatalog.Find(key)!;
        if (variant.Fields.TryGetValue(key, out var value))
            return Convert<T>(value);
        if (def.Required)
            diagnostics.Add(DiagnosticCatalog.MissingField.At(NameSpan, $"variant '{variant.Name}' has no '{key}' (required)"));
        return def.Default is { } d && (d is long || d is double) ? Default((T)System.Convert.ChangeType(d, typeof(T), CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>A list key as written, else its catalog default.</summary>
    public IReadOnlyList<Located<T>>? List<T>(string key)
    {
        if (variant.Fields.TryGetValue(key, out var value))
            return value is ListValue list ? list.Items.Select(i => Convert<T>(i)!.Value).ToList() : null;
        return FieldCatalog.Find(key)!.Default switch
        {
            long[] d => d.Select(v => Default((T)(object)v)).ToList(),
            double[] d => d.Select(v => Default((T)(object)v)).ToList(),
            _ => null,
        };
    }

    /// <summary>
    /// A per-stage key: a list as written (reported and null when its length differs from <paramref name="stages"/>), or
    /// one value (written, from <paramref name="defaults"/>, or the catalog's) repeated for every stage.
    /// </summary>
    public IReadOnlyList<Located<T>>? PerStage<T>(string key, int stages, string stagesKey, Func<int, T>? defaults = null)
    {
        if (variant.Fields.TryGetValue(key, out var value))
        {
            if (value is not ListValue list)
                return null; // written with a value already reported as wrong
            var items = list.Items.Select(i => Convert<T>(i)!.Value).ToList();
            return Expand(key, list, items, stages, stagesKey);
        }
        var def = FieldCatalog.Find(key)!;
        if (def.Required)
        {
            diagnostics.Add(DiagnosticCatalog.MissingField.At(NameSpan, $"variant '{variant.Name}' has no '{key}' (required)"));
            return null;
        }
        if (defaults is not null)
            return Enumerable.Range(0, stages).Select(i => Default(defaults(i))).ToList();
        if (def.Default is long || def.Default is double)
            return Enumerable.Repeat(Default((T)System.Convert.ChangeType(def.Default, typeof(T), CultureInfo.InvariantCulture)), stages).ToList();
        return null; // a default that depends on other keys, which could not be read
    }

    /// <summary>A per-stage choice key; an unknown choice is reported and leaves the whole key null.</summary>
    public IReadOnlyList<Located<string>>? PerStageChoice(string key, int stages, string stagesKey)
    {
        var def = FieldCatalog.Find(key)!;
        if (!variant.Fields.TryGetValue(key, out var value))
            return Enumerable.Repeat(Default((string)def.Default!), stages).ToList();
        if (value is not ListValue list)
            return null;
        var items = list.Items.Cast<TextValue>().Select(t => CheckChoice(key, def, t)).ToList();
        if (items.Any(i => i is null))
            return null;
        return Expand(key, list, items.Select(i => i!.Value).ToList(), stages, stagesKey);
    }

    private IReadOnlyList<Located<T>>? Expand<T>(string key, ListValue list, List<Located<T>> items, int stages, string stagesKey)
    {
        if (stages == 0)
            return null; // an empty stage list is reported once, where it is written
        if (list.IsBroadcast)
            return Enumerable.Repeat(items[0], stages).ToList();
        if (items.Count == stages)
            return items;
        diagnostics.Add(DiagnosticCatalog.StageCountMismatch.At(list.Span,
            $"'{key}' has {items.Count} entries but '{stagesKey}' has {stages} (one per stage) in variant '{variant.Name}'"));
        return null;
    }

    private Located<string>? CheckChoice(string key, FieldDef def, TextValue text)
    {
        if (def.Choices!.Contains(text.Value))
            return new Located<string>(text.Value, text.Span);
        var suggestion = Suggestions.Closest(text.Value, def.Choices!);
        var kind = key is "activation" or "seActivation" ? DiagnosticCatalog.UnknownActivation : DiagnosticCatalog.InvalidChoice;
        var what = key is "activation" or "seActivation" ? $"activation '{text.Value}' has no known gamma" : $"'{key}' must be one of {string.Join(", ", def.Choices!)}, not '{text.Value}'";
        diagnostics.Add(kind.At(text.Span, what + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")
            + (kind == DiagnosticCatalog.UnknownActivation ? $"; valid: {string.Join(", ", def.Choices!)}" : "")));
        return null;
    }

    private static Located<T>? Convert<T>(SpecValue value) => value switch
    {
        IntegerValue i when typeof(T) == typeof(long) => new Located<T>((T)(object)i.Value, i.Span),
        NumberValue n when typeof(T) == typeof(double) => new Located<T>((T)(object)n.Value, n.Span),
        _ => null,
    };
}
