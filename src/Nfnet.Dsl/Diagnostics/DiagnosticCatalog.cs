using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Dsl.Diagnostics;

/// <summary>A kind of problem: its stable code, default severity and a one-line title.</summary>
public sealed record DiagnosticKind(string Code, Severity Severity, string Title)
{
    public SpecDiagnostic At(SourceSpan span, string message) => new(Code, Severity, message, span);
}

/// <summary>
/// Every diagnostic the compiler core reports. Codes are stable: never renumber, only append.
/// docs/diagnostics.md documents each one.
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly DiagnosticKind YamlSyntax = new("NFN001", Severity.Error, "YAML syntax error");
    public static readonly DiagnosticKind UnknownKey = new("NFN002", Severity.Error, "Unknown key");
    public static readonly DiagnosticKind WrongType = new("NFN003", Severity.Error, "Value has the wrong type");
    public static readonly DiagnosticKind MissingField = new("NFN004", Severity.Error, "Required field is missing");
    public static readonly DiagnosticKind StageCountMismatch = new("NFN005", Severity.Error, "Per-stage lists differ in length");
    public static readonly DiagnosticKind NotPositive = new("NFN006", Severity.Error, "Value must be positive");
    public static readonly DiagnosticKind ZeroGroups = new("NFN007", Severity.Error, "Block width leaves zero groups");
    public static readonly DiagnosticKind UnknownActivation = new("NFN008", Severity.Error, "Activation has no known gamma");
    public static readonly DiagnosticKind OutOfRange = new("NFN009", Severity.Error, "Value out of range");
    public static readonly DiagnosticKind DuplicateVariant = new("NFN010", Severity.Error, "Duplicate variant name");
    public static readonly DiagnosticKind InvalidName = new("NFN011", Severity.Error, "Name cannot become a C# identifier");
    public static readonly DiagnosticKind UnknownBase = new("NFN012", Severity.Error, "Unknown base variant");
    public static readonly DiagnosticKind CyclicBase = new("NFN013", Severity.Error, "Cyclic inheritance");
    public static readonly DiagnosticKind ImageSizeNotDivisible = new("NFN014", Severity.Info, "Image size not divisible by the total stride");
    public static readonly DiagnosticKind TooLarge = new("NFN015", Severity.Error, "Size beyond the supported limits");
    public static readonly DiagnosticKind NoVariants = new("NFN016", Severity.Warning, "Spec defines no variants");
    public static readonly DiagnosticKind AliasNotSupported = new("NFN017", Severity.Error, "YAML anchors and aliases are not supported");
    public static readonly DiagnosticKind DuplicateKey = new("NFN018", Severity.Error, "Duplicate key");
    public static readonly DiagnosticKind InvalidChoice = new("NFN019", Severity.Error, "Value is not one of the allowed choices");
    public static readonly DiagnosticKind DuplicateClassName = new("NFN020", Severity.Error, "Two variants generate the same class");
    public static readonly DiagnosticKind InvalidNamespace = new("NFN021", Severity.Error, "Namespace is not a valid C# namespace");
    public static readonly DiagnosticKind MultipleDocuments = new("NFN022", Severity.Error, "More than one YAML document");
    public static readonly DiagnosticKind InvalidText = new("NFN023", Severity.Error, "Text contains characters that are not allowed");
    public static readonly DiagnosticKind ClassCannotBeCompleted = new("NFN024", Severity.Error, "Class cannot be completed by the generator");
    public static readonly DiagnosticKind SettingConflict = new("NFN025", Severity.Error, "Setting does not apply with the other settings");
    public static readonly DiagnosticKind GroupsDoNotDivide = new("NFN026", Severity.Error, "Group width does not divide the mid width");
    public static readonly DiagnosticKind InternalError = new("NFN999", Severity.Error, "Internal compiler error");

    public static IReadOnlyList<DiagnosticKind> All { get; } =
        typeof(DiagnosticCatalog).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticKind))
            .Select(f => (DiagnosticKind)f.GetValue(null)!)
            .OrderBy(k => k.Code, System.StringComparer.Ordinal)
            .ToList();
}
