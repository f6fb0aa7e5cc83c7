using Microsoft.CodeAnalysis;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Generators.Diagnostics;

namespace Nfnet.Generators.Models;

/// <summary>
/// A diagnostic as plain values. <see cref="Diagnostic"/> itself has broken equality (dotnet/roslyn#68291) and its
/// location roots the compilation, so it is created only in the output step.
/// </summary>
/// <param name="Location">Null for a problem with no place in any file.</param>
internal sealed record DiagnosticInfo(string Code, Severity Severity, string Message, LocationInfo? Location)
{
    public static DiagnosticInfo From(SpecDiagnostic diagnostic) =>
        new(diagnostic.Code, diagnostic.Severity, diagnostic.Message, LocationInfo.From(diagnostic.Span));

    public static DiagnosticInfo Of(DiagnosticKind kind, string message, LocationInfo? location) =>
        new(kind.Code, kind.Severity, message, location);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(NfnetDescriptors.For(Code, Severity), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Message);
}
