using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Spec;
using Nfnet.Dsl.Syntax;
using Nfnet.Dsl.Validation;

namespace Nfnet.Dsl;

/// <summary>What compiling one spec file gives: a plan per valid concrete variant, and every diagnostic.</summary>
/// <param name="Stubs">The classes the spec's errors kept from being generated, for marked stand-ins (see ModelStubs).</param>
public sealed record SpecCompilation(string Path, EquatableArray<ModelPlan> Plans, EquatableArray<SpecDiagnostic> Diagnostics, EquatableArray<ModelStub> Stubs = default)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The compiler core's front door: parse → bind → resolve inheritance → validate → lower.
/// Never throws on any input; an unexpected failure becomes diagnostic NFN999.
/// </summary>
public static class SpecCompiler
{
    public static SpecCompilation Compile(string path, string text, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var plans = new List<ModelPlan>();
        IReadOnlyList<ModelStub> stubs = [];
        try
        {
            var root = YamlReader.Read(path, text, diagnostics, out var partial);
            cancellationToken.ThrowIfCancellationRequested();
            if (root is null && partial is not null)
            {
                // A syntax error: nothing is compiled, but the variants read before it still get their stubs.
                stubs = ModelStubs.For(SpecBinder.Bind(path, partial, []), [], diagnostics);
            }
            else
            {
                var file = SpecBinder.Bind(path, root, diagnostics);
                plans.AddRange(Lower(file, diagnostics, cancellationToken));
                stubs = ModelStubs.For(file, plans, diagnostics);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.StartOf(path),
                $"internal compiler error ({e.GetType().Name}: {e.Message}); please report it with this spec"));
        }
        return new SpecCompilation(path, plans.ToEquatableArray(), Order(diagnostics).ToEquatableArray(), stubs.ToEquatableArray());
    }

    /// <summary>
    /// Where each variant's name is written, for a problem of a whole variant found outside its file (the generator's
    /// "defined in two files"). Only reads and binds the YAML; never throws, and reports nothing: Compile does that.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, SourceSpan>> VariantNames(string path, string text)
    {
        try
        {
            var ignored = new List<SpecDiagnostic>();
            var file = SpecBinder.Bind(path, YamlReader.Read(path, text, ignored), ignored);
            return file.Variants.Select(v => new KeyValuePair<string, SourceSpan>(v.Name.Value, v.Name.Span)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>Resolves, validates and lowers every concrete variant of a bound file.</summary>
    public static IReadOnlyList<ModelPlan> Lower(SpecFile file, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        // An invalid namespace is no variant's own mistake, so it is reported once here, and it stops every plan.
        var namespaceValid = file.NamespaceValue is not { } ns || IdentifierRules.IsNamespace(ns.Value);
        if (!namespaceValid)
            diagnostics.Add(DiagnosticCatalog.InvalidNamespace.At(file.NamespaceValue!.Span, $"namespace '{file.NamespaceValue.Value}' is not a dotted list of C# identifiers"));
        if (file.ClassPrefixValue is { } prefix && prefix.Value.Length > 0 && !IdentifierRules.IsIdentifier(prefix.Value))
            diagnostics.Add(DiagnosticCatalog.InvalidName.At(prefix.Span, $"class prefix '{prefix.Value}' is not a valid C# identifier"));

        var plans = new List<ModelPlan>();
        var reported = new HashSet<SpecDiagnostic>(diagnostics);
        var classes = new Dictionary<string, VariantSettings>(StringComparer.Ordinal);
        foreach (var variant in InheritanceResolver.Resolve(file, diagnostics, ShippedSpecs.AsBases))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (variant.Decl.IsAbstract)
                continue;
            var variantDiagnostics = new List<SpecDiagnostic>();
            var settings = VariantSettings.Read(variant, file, variantDiagnostics);
            VariantValidator.Validate(settings, variantDiagnostics);
            if (classes.TryGetValue(settings.ClassName.Value, out var other))
                variantDiagnostics.Add(DiagnosticCatalog.DuplicateClassName.At(settings.ClassName.Span,
                    $"variants '{other.Name.Value}' and '{settings.Name.Value}' both generate class '{settings.ClassName.Value}'"));
            else
                classes.Add(settings.ClassName.Value, settings);
            if (!variantDiagnostics.Any(d => d.IsError) && PlanBuilder.Build(settings, file.Path, variantDiagnostics) is { } plan && namespaceValid)
                plans.Add(plan);
            // A base's mistake shows once per variant using it; report each span once.
            foreach (var d in variantDiagnostics)
                if (reported.Add(d))
                    diagnostics.Add(InThisFile(d, file.Path, variant));
        }
        return plans;
    }

    /// <summary>
    /// A problem in a value inherited from a shipped variant has a span in the embedded YAML, which the user cannot open;
    /// it is reported at the variant's 'base:' instead.
    /// </summary>
    private static SpecDiagnostic InThisFile(SpecDiagnostic diagnostic, string path, ResolvedVariant variant)
    {
        if (diagnostic.Span.Path == path || !diagnostic.Span.Path.StartsWith(ShippedSpecs.PathPrefix, StringComparison.Ordinal))
            return diagnostic;
        var at = variant.Decl.Fields.TryGetValue("base", out var bases) ? bases.Span : variant.Decl.Name.Span;
        return diagnostic with { Span = at, Message = diagnostic.Message + " (in a value inherited from a shipped variant)" };
    }

    private static IEnumerable<SpecDiagnostic> Order(IEnumerable<SpecDiagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal).Select(OneReadableLine);

    /// <summary>Messages quote spec text; this long is never needed to see what is wrong.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>
    /// Keeps a message one short line whatever spec text it quotes: a 10 MB value is elided in the middle, and line breaks,
    /// controls, bidi and zero-width marks are shown as \uXXXX, so no spec can forge or hide diagnostics in CLI or build output.
    /// </summary>
    private static SpecDiagnostic OneReadableLine(SpecDiagnostic diagnostic)
    {
        var message = diagnostic.Message;
        // Escape first: a \uXXXX is six characters, so escaping after eliding could push the message past the limit.
        if (message.Any(IsHidden))
            message = string.Concat(message.Select(c => IsHidden(c) ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
        if (message.Length > MaxMessageLength)
        {
            var head = MaxMessageLength / 2;
            var tail = message.Length - MaxMessageLength / 2;
            if (char.IsHighSurrogate(message[head - 1]))
                head--; // never split a surrogate pair
            if (char.IsLowSurrogate(message[tail]))
                tail++;
            message = message.Substring(0, head) + " … " + message.Substring(tail);
        }
        return message == diagnostic.Message ? diagnostic : diagnostic with { Message = message };
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || c is '\u2028' or '\u2029';
}
