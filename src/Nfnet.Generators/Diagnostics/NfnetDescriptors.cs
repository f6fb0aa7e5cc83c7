using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Nfnet.Dsl.Diagnostics;

namespace Nfnet.Generators.Diagnostics;

/// <summary>One Roslyn descriptor per code of <see cref="DiagnosticCatalog"/>, so the IDE and MSBuild show our codes and titles.</summary>
internal static class NfnetDescriptors
{
    public const string Category = "Nfnet";

    /// <summary>Relative to the repository; the catalog's doc has one section per code (checked by DiagnosticsDocTests).</summary>
    private const string HelpLink = "docs/diagnostics.md";

    private static readonly Dictionary<string, DiagnosticDescriptor> ByCode =
        DiagnosticCatalog.All.ToDictionary(k => k.Code, k => Create(k.Code, k.Title, k.Severity, HelpLink + "#" + Anchor(k)));

    public static IEnumerable<DiagnosticDescriptor> All => ByCode.Values;

    /// <summary>The catalog's descriptor; a code the catalog lacks (a newer core) still gets one rather than failing.</summary>
    public static DiagnosticDescriptor For(string code, Severity severity)
    {
        if (ByCode.TryGetValue(code, out var descriptor) && descriptor.DefaultSeverity == ToRoslyn(severity))
            return descriptor;
        return Create(code, code, severity, HelpLink);
    }

    /// <summary>The heading "## NFN002 — Unknown key" as a Markdown renderer links it: "nfn002--unknown-key".</summary>
    private static string Anchor(DiagnosticKind kind)
    {
        var heading = $"{kind.Code} — {kind.Title}".ToLowerInvariant();
        var anchor = new System.Text.StringBuilder();
        foreach (var c in heading)
        {
            if (c == ' ')
                anchor.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '-' or '_')
                anchor.Append(c);
        }
        return anchor.ToString();
    }

    private static DiagnosticDescriptor Create(string code, string title, Severity severity, string helpLink) => new(
        id: code,
        title: title,
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: ToRoslyn(severity),
        isEnabledByDefault: true,
        helpLinkUri: helpLink);

    private static DiagnosticSeverity ToRoslyn(Severity severity) =>
        severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
}
