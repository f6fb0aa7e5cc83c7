using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Lowering;
using Xunit;

namespace Nfnet.Dsl.Tests.Hostile;

/// <summary>Checks on emitted C# that need no TorchSharp references: it parses, and its doc comments are well-formed XML.</summary>
internal static class GeneratedCode
{
    /// <summary>Diagnose mode makes the parser report malformed XML doc comments too, so a stray &lt;/summary&gt; is caught.</summary>
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static SyntaxTree Parse(GeneratedFile file) => CSharpSyntaxTree.ParseText(file.Text, Options, path: file.HintName);

    /// <summary>Every syntax error and doc-comment warning, in canonical form; empty for clean code.</summary>
    public static IReadOnlyList<string> Problems(GeneratedFile file) =>
        Parse(file).GetDiagnostics().Select(d => d.ToString()).ToList();

    public static void AssertParses(GeneratedFile file)
    {
        var problems = Problems(file);
        Assert.True(problems.Count == 0, $"{file.HintName} does not parse cleanly:\n{string.Join("\n", problems)}\n--- text ---\n{file.Text}");
    }

    /// <summary>Emits every plan and the zoo, and asserts each file parses cleanly.</summary>
    public static void AssertAllParse(IReadOnlyList<ModelPlan> plans, string specPath)
    {
        foreach (var plan in plans)
            AssertParses(ModelEmitter.EmitModel(plan, specPath));
        if (plans.Count > 0)
            AssertParses(ModelEmitter.EmitZoo(plans));
    }

    /// <summary>Characters that must never appear raw in generated code: controls (but '\n'), bidi and zero-width marks, line separators.</summary>
    public static bool IsDangerous(char c) =>
        (char.IsControl(c) && c != '\n')
        || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
        || c is '\u2028' or '\u2029';

    public static void AssertNoDangerousCharacters(GeneratedFile file)
    {
        var index = file.Text.ToList().FindIndex(IsDangerous);
        Assert.True(index < 0, $"{file.HintName} holds U+{(index < 0 ? 0 : file.Text[index]):X4} at offset {index}");
    }

    /// <summary>The value of the string constant <paramref name="name"/> as the C# parser reads it back.</summary>
    public static string StringConstant(GeneratedFile file, string name) =>
        Parse(file).GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Single(v => v.Identifier.ValueText == name)
            .Initializer!.Value is LiteralExpressionSyntax literal
            ? literal.Token.ValueText
            : throw new Xunit.Sdk.XunitException($"{name} is not initialized with a literal");

    /// <summary>The text of the doc comment on the generated class, as the XML reader sees it (entities decoded).</summary>
    public static string ClassSummary(GeneratedFile file)
    {
        var type = Parse(file).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().First();
        var doc = type.GetLeadingTrivia().Select(t => t.GetStructure()).OfType<DocumentationCommentTriviaSyntax>().Single();
        var summary = doc.Content.OfType<XmlElementSyntax>().Single(e => e.StartTag.Name.LocalName.ValueText == "summary");
        return string.Concat(summary.Content.OfType<XmlTextSyntax>().SelectMany(t => t.TextTokens).Select(t => t.ValueText)).Trim();
    }

    /// <summary>The value of every string literal in the file, as the C# parser reads it back.</summary>
    public static IReadOnlyList<string> StringLiterals(GeneratedFile file) =>
        Parse(file).GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText).ToList();
}
