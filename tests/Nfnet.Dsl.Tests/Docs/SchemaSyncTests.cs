using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Nfnet.Dsl.Spec;
using Xunit;

namespace Nfnet.Dsl.Tests.Docs;

/// <summary>specs/nfnet.schema.json offers exactly FieldCatalog's keys, with the same descriptions, kinds and choices.</summary>
public class SchemaSyncTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Specs.RepoRoot(), "specs", "nfnet.schema.json"))).RootElement;

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    public static TheoryData<string> Sections() => new() { "file", "variant", "numerics", "preprocess" };

    private static (IReadOnlyList<FieldDef> Fields, JsonElement Schema) Section(string section) => section switch
    {
        "file" => (FieldCatalog.FileFields, Schema),
        "variant" => (FieldCatalog.VariantFields, Definition("variant")),
        "numerics" => (FieldCatalog.NumericsFields, Definition("numerics")),
        _ => (FieldCatalog.PreprocessFields, Definition("preprocess")),
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void SchemaHasExactlyTheCatalogsKeysAndRejectsOthers(string section)
    {
        var (fields, schema) = Section(section);

        var schemaKeys = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(k => k, System.StringComparer.Ordinal);
        Assert.Equal(fields.Select(f => f.Key).OrderBy(k => k, System.StringComparer.Ordinal), schemaKeys);
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void EveryKeyHasTheCatalogsDescriptionAndChoices(string section)
    {
        var (fields, schema) = Section(section);

        foreach (var field in fields)
        {
            var property = schema.GetProperty("properties").GetProperty(field.Key);
            Assert.Equal(field.Description, property.GetProperty("description").GetString());
            if (field.Kind == FieldKind.PerStageChoice)
            {
                // One choice for every stage, or a list of them: both forms offer the same enum.
                foreach (var option in property.GetProperty("oneOf").EnumerateArray())
                {
                    var choices = option.TryGetProperty("items", out var items) ? items : option;
                    Assert.Equal(field.Choices, choices.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
                }
            }
            else if (field.Choices is not null)
                Assert.Equal(field.Choices, property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            else
                Assert.False(property.TryGetProperty("enum", out _), $"{field.Key} has an enum but no choices in the catalog");
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void EveryKeyHasTheTypeOfItsKind(string section)
    {
        var (fields, schema) = Section(section);

        foreach (var field in fields)
        {
            var property = schema.GetProperty("properties").GetProperty(field.Key);
            var accepts = AcceptedShapes(property);
            var expected = field.Kind switch
            {
                FieldKind.Integer => new[] { "integer" },
                FieldKind.Number => new[] { "number" },
                FieldKind.Boolean => new[] { "boolean" },
                FieldKind.Text or FieldKind.Choice => new[] { "string" },
                FieldKind.IntegerList => new[] { "array of integer" },
                FieldKind.NumberList => new[] { "array of number" },
                FieldKind.PerStageInteger => new[] { "array of integer", "integer" },
                FieldKind.PerStageNumber => new[] { "array of number", "number" },
                FieldKind.PerStageChoice => new[] { "array of string", "string" },
                FieldKind.Names => new[] { "array of string", "string" },
                _ => new[] { "object" },
            };
            Assert.True(expected.SequenceEqual(accepts), $"{field.Key} ({field.Kind}): schema accepts {string.Join(" | ", accepts)}");
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void LiteralDefaultsMatchTheCatalog(string section)
    {
        var (fields, schema) = Section(section);

        foreach (var field in fields)
        {
            var property = schema.GetProperty("properties").GetProperty(field.Key);
            var hasDefault = property.TryGetProperty("default", out var value);
            switch (field.Default)
            {
                case long l:
                    Assert.Equal(l, value.GetInt64());
                    break;
                case double d:
                    Assert.Equal(d, value.GetDouble());
                    break;
                case bool b:
                    Assert.Equal(b, value.GetBoolean());
                    break;
                case long[] list:
                    Assert.Equal(list, value.EnumerateArray().Select(e => e.GetInt64()));
                    break;
                case double[] list:
                    Assert.Equal(list, value.EnumerateArray().Select(e => e.GetDouble()));
                    break;
                case string text when field.Kind is FieldKind.Text or FieldKind.Choice or FieldKind.PerStageChoice:
                    Assert.Equal(text, value.GetString());
                    break;
                default:
                    // No default, or one described in words (stride, testImageSize): nothing an editor could insert.
                    Assert.False(hasDefault && field.Default is null, $"{field.Key} has a schema default but none in the catalog");
                    break;
            }
        }
    }

    [Fact]
    public void ActivationChoicesAreTheKnownGammas()
    {
        var activation = Definition("variant").GetProperty("properties").GetProperty("activation");

        Assert.Equal(ActivationGammas.All.Keys.OrderBy(k => k, System.StringComparer.Ordinal),
            activation.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void VariantsMapNamesToVariantDefinitions()
    {
        var variants = Schema.GetProperty("properties").GetProperty("variants");

        Assert.Equal("#/definitions/variant", variants.GetProperty("additionalProperties").GetProperty("$ref").GetString());
        Assert.Equal(new[] { "variants" }, Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("F0", true)]
    [InlineData("F0+", true)]
    [InlineData("my_net_2", true)]
    [InlineData("F0++", false)]
    [InlineData("F+0", false)]
    [InlineData("F0-x", false)]
    [InlineData("+", false)]
    public void VariantNamePatternAcceptsWhatTheCompilerAccepts(string name, bool valid)
    {
        var pattern = Definition("variantName").GetProperty("pattern").GetString()!;

        // JSON Schema patterns are ECMA-262 regular expressions; .NET's ECMAScript option reads this one the same way.
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(name, pattern, System.Text.RegularExpressions.RegexOptions.ECMAScript));
        Assert.Equal(valid, Nfnet.Dsl.Validation.IdentifierRules.IsVariantName(name));
    }

    [Fact]
    public void ShippedSpecPointsEditorsAtTheSchema()
    {
        Assert.StartsWith("# yaml-language-server: $schema=nfnet.schema.json", Specs.ShippedText);
    }

    /// <summary>What a property accepts, following $ref / allOf / oneOf: "integer", "array of number", "object"…</summary>
    private static IReadOnlyList<string> AcceptedShapes(JsonElement property)
    {
        var shapes = new SortedSet<string>(System.StringComparer.Ordinal);
        void Visit(JsonElement node)
        {
            if (node.TryGetProperty("$ref", out var reference))
                Visit(Resolve(reference.GetString()!));
            foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
                if (node.TryGetProperty(combinator, out var options))
                    foreach (var option in options.EnumerateArray())
                        Visit(option);
            if (node.TryGetProperty("type", out var type))
            {
                var name = type.GetString()!;
                shapes.Add(name == "array" ? "array of " + ItemType(node.GetProperty("items")) : name);
            }
        }
        Visit(property);
        return shapes.ToList();
    }

    private static string ItemType(JsonElement items)
    {
        if (items.TryGetProperty("$ref", out var reference))
            items = Resolve(reference.GetString()!);
        return items.GetProperty("type").GetString()!;
    }

    private static JsonElement Resolve(string reference)
    {
        Assert.StartsWith("#/definitions/", reference);
        return Definition(reference["#/definitions/".Length..]);
    }
}
