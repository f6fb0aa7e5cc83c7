using System;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Generators.Models;

namespace Nfnet.Generators;

/// <summary>
/// Turns an unexpected exception into NFN999. A generator that throws only gets warning CS8785 and silently
/// generates nothing; an error diagnostic fails the build and says what happened.
/// </summary>
internal static class GeneratorFailure
{
    public static DiagnosticInfo At(LocationInfo? location, Exception exception) =>
        DiagnosticInfo.Of(DiagnosticCatalog.InternalError,
            $"internal generator error ({exception.GetType().Name}: {exception.Message}); please report it with the spec",
            location);
}
