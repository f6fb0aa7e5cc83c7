using System.Linq;
using System.Text.RegularExpressions;

namespace Nfnet.Dsl.Validation;

/// <summary>What may become a C# name. ASCII only: no look-alike, bidi or zero-width characters can reach generated code.</summary>
public static class IdentifierRules
{
    // \z, not $: '$' also matches before a final '\n', which would let "F0\n" through into generated code.
    private static readonly Regex Identifier = new(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);
    // At most one trailing '+': "F0++" would need a class name like NfnetF0PlusPlus and is always a typo.
    private static readonly Regex VariantName = new(@"^[A-Za-z0-9_]+\+?\z", RegexOptions.CultureInvariant);

    private static readonly string[] Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    public static bool IsIdentifier(string text) =>
        text.Length <= 128 && Identifier.IsMatch(text) && !Keywords.Contains(text) && !text.StartsWith("__", System.StringComparison.Ordinal);

    public static bool IsVariantName(string text) => text.Length <= 64 && VariantName.IsMatch(text);

    public static bool IsNamespace(string text) => text.Length <= 512 && text.Split('.').All(IsIdentifier);

    /// <summary>Free text (descriptions) may hold any printable character, but no line breaks, controls, bidi or zero-width marks.</summary>
    public static bool IsSafeText(string text) =>
        text.Length <= Limits.MaxTextLength && text.All(c => !char.IsControl(c) && !IsInvisibleFormat(c));

    private static bool IsInvisibleFormat(char c) =>
        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format // bidi overrides, zero-width joiners, BOM
        || c is '\u2028' or '\u2029';
}
