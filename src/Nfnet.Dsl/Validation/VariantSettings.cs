using System.Collections.Generic;
using System.Linq;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Spec;

namespace Nfnet.Dsl.Validation;

/// <summary>
/// A concrete variant's settings, every default applied and every per-stage value expanded to one per stage.
/// Each value keeps the span to blame: its own node, or the variant's name where a default filled it in.
/// </summary>
public sealed record VariantSettings(
    Located<string> Name,
    Located<string> ClassName,
    Located<string> Namespace,
    Located<string> Description,
    IReadOnlyList<Located<long>> Width,
    IReadOnlyList<Located<long>> Depth,
    Located<long> DepthMultiplier,
    IReadOnlyList<Located<long>> Stride,
    IReadOnlyList<Located<long>> GroupWidth,
    IReadOnlyList<Located<double>> Expansion,
    IReadOnlyList<Located<double>> SeRatio,
    Located<string> Activation,
    Located<double> Alpha,
    IReadOnlyList<Located<long>> Stem,
    SourceSpan StemSpan,
    Located<double> FinalConvMultiplier,
    Located<double> StochasticDepthRate,
    Located<double> DropRate,
    Located<long> TrainImageSize,
    Located<long> TestImageSize,
    Located<long> NumClasses,
    Located<string> WsEpsilon,
    Located<string> Gelu,
    Located<string> Padding)
{
    public int StageCount => Width.Count;

    /// <summary>
    /// Reads a resolved variant. Returns null (after reporting) when a required key is missing or the per-stage
    /// lists disagree in length, since nothing after that can be checked meaningfully.
    /// </summary>
    public static VariantSettings? Read(ResolvedVariant variant, SpecFile file, List<SpecDiagnostic> diagnostics)
    {
        var reader = new Reader(variant, diagnostics);
        var name = new Located<string>(variant.Name, variant.Decl.Name.Span);
        // The stage count comes from the first per-stage key written as a list; a single value applies to every stage.
        var (stages, stagesKey) = reader.StageCount("width", "depth", "stride", "groupWidth", "expansion", "seRatio");
        var width = reader.List<long>("width", stages);
        var depth = reader.List<long>("depth", stages);
        var train = reader.Scalar<long>("trainImageSize");
        if (width is null || depth is null || train is null)
            return null;
        if (stages == 0)
        {
            diagnostics.Add(DiagnosticCatalog.OutOfRange.At(reader.SpanOf(stagesKey), $"'{stagesKey}' is empty; a variant needs at least one stage"));
            return null;
        }

        var stride = reader.List<long>("stride", stages) ?? Enumerable.Range(0, stages).Select(i => reader.Default(i == 0 ? 1L : 2L)).ToList();
        var groupWidth = reader.PerStage<long>("groupWidth", stages);
        var expansion = reader.PerStage<double>("expansion", stages);
        var seRatio = reader.PerStage<double>("seRatio", stages);
        var lengthsAgree = true;
        foreach (var (key, count, span) in new[]
                 {
                     ("width", width.Count, reader.SpanOf("width")),
                     ("depth", depth.Count, reader.SpanOf("depth")),
                     ("stride", stride.Count, reader.SpanOf("stride")),
                     ("groupWidth", groupWidth.Count, reader.SpanOf("groupWidth")),
                     ("expansion", expansion.Count, reader.SpanOf("expansion")),
                     ("seRatio", seRatio.Count, reader.SpanOf("seRatio")),
                 })
        {
            if (count != stages)
            {
                diagnostics.Add(DiagnosticCatalog.StageCountMismatch.At(span,
                    $"'{key}' has {count} entries but '{stagesKey}' has {stages} (one per stage) in variant '{variant.Name}'"));
                lengthsAgree = false;
            }
        }
        if (!lengthsAgree)
            return null;

        var prefix = file.ClassPrefix;
        var className = reader.Text("className") ?? reader.Default(prefix + variant.Name.Replace("+", "Plus"));
        return new VariantSettings(
            name,
            className,
            file.NamespaceValue is { } ns ? new Located<string>(ns.Value, ns.Span) : reader.Default(file.Namespace),
            reader.Text("description") ?? reader.Default(""),
            width, depth,
            reader.Scalar<long>("depthMultiplier") ?? reader.Default((long)Def("depthMultiplier")),
            stride, groupWidth, expansion, seRatio,
            reader.Text("activation") ?? reader.Default((string)Def("activation")),
            reader.Scalar<double>("alpha") ?? reader.Default((double)Def("alpha")),
            reader.List<long>("stem") ?? ((long[])Def("stem")).Select(reader.Default).ToList(),
            reader.SpanOf("stem"),
            reader.Scalar<double>("finalConvMultiplier") ?? reader.Default((double)Def("finalConvMultiplier")),
            reader.Scalar<double>("stochasticDepthRate") ?? reader.Default((double)Def("stochasticDepthRate")),
            reader.Scalar<double>("dropRate") ?? reader.Default((double)Def("dropRate")),
            train.Value,
            reader.Scalar<long>("testImageSize") ?? train.Value,
            reader.Scalar<long>("numClasses") ?? reader.Default((long)Def("numClasses")),
            reader.Text("numerics.wsEpsilon") ?? reader.Default(NumericsDefault("wsEpsilon")),
            reader.Text("numerics.gelu") ?? reader.Default(NumericsDefault("gelu")),
            reader.Text("numerics.padding") ?? reader.Default(NumericsDefault("padding")));
    }

    private static object Def(string key) => FieldCatalog.FindVariantField(key)!.Default!;

    private static string NumericsDefault(string key) => (string)FieldCatalog.NumericsFields.First(f => f.Key == key).Default!;

    private sealed class Reader(ResolvedVariant variant, List<SpecDiagnostic> diagnostics)
    {
        private SourceSpan NameSpan => variant.Decl.Name.Span;

        public Located<T> Default<T>(T value) => new(value, NameSpan);

        public SourceSpan SpanOf(string key) => variant.Fields.TryGetValue(key, out var v) ? v.Span : NameSpan;

        public Located<string>? Text(string key) =>
            variant.Fields.TryGetValue(key, out var v) && v is TextValue t ? new Located<string>(t.Value, t.Span) : null;

        /// <summary>The length of the first of <paramref name="keys"/> written as a list, and that key; 1 when none is.</summary>
        public (int Count, string Key) StageCount(params string[] keys)
        {
            foreach (var key in keys)
                if (variant.Fields.TryGetValue(key, out var value) && value is ListValue { IsBroadcast: false } list)
                    return (list.Items.Count, key);
            return (1, keys[0]);
        }

        public Located<T>? Scalar<T>(string key)
        {
            if (variant.Fields.TryGetValue(key, out var value))
                return Convert<T>(value);
            if (FieldCatalog.FindVariantField(key)?.Required == true)
                diagnostics.Add(DiagnosticCatalog.MissingField.At(NameSpan, $"variant '{variant.Name}' has no '{key}' (required)"));
            return null;
        }

        /// <summary>A list key as written; a single value for a per-stage key is repeated <paramref name="stages"/> times.</summary>
        public IReadOnlyList<Located<T>>? List<T>(string key, int stages = 1)
        {
            if (variant.Fields.TryGetValue(key, out var value) && value is ListValue list)
            {
                var items = list.Items.Select(i => Convert<T>(i)!.Value).ToList();
                return list.IsBroadcast ? Enumerable.Repeat(items[0], stages).ToList() : items;
            }
            if (value is InvalidValue)
                return null; // written, but with a value already reported as wrong: not missing
            if (FieldCatalog.FindVariantField(key)?.Required == true)
                diagnostics.Add(DiagnosticCatalog.MissingField.At(NameSpan, $"variant '{variant.Name}' has no '{key}' (required)"));
            return null;
        }

        /// <summary>A per-stage key: a list as written, or one value (written or default) repeated for every stage.</summary>
        public IReadOnlyList<Located<T>> PerStage<T>(string key, int stages)
        {
            if (variant.Fields.TryGetValue(key, out var value) && value is ListValue list)
            {
                var items = list.Items.Select(i => Convert<T>(i)!.Value).ToList();
                return list.IsBroadcast ? Enumerable.Repeat(items[0], stages).ToList() : items;
            }
            var fallback = Default((T)System.Convert.ChangeType(Def(key), typeof(T), System.Globalization.CultureInfo.InvariantCulture));
            return Enumerable.Repeat(fallback, stages).ToList();
        }

        private static Located<T>? Convert<T>(SpecValue value) => value switch
        {
            IntegerValue i when typeof(T) == typeof(long) => new Located<T>((T)(object)i.Value, i.Span),
            NumberValue n when typeof(T) == typeof(double) => new Located<T>((T)(object)n.Value, n.Span),
            _ => null,
        };
    }
}
