using System.Linq;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Spec;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>[NfnetModel] offers every spec key a variant can set, and nothing the spec language does not have.</summary>
public sealed class AttributeTableTests
{
    [Fact]
    public void Every_settable_variant_key_has_an_attribute_property()
    {
        var keys = FieldCatalog.VariantFields.Where(f => f.Kind != FieldKind.Section).Select(f => f.Key)
            .Concat(FieldCatalog.VariantFields.Where(f => f.Kind == FieldKind.Section).SelectMany(s => s.Children!.Select(c => s.Key + "." + c.Key)))
            .Except(AttributeProperties.NotSettableKeys);

        Assert.Empty(keys.Except(AttributeProperties.All.Select(p => p.FieldKey)));
    }

    [Fact]
    public void Every_attribute_property_sets_a_real_key_and_names_are_unique()
    {
        Assert.All(AttributeProperties.All, p => Assert.False(string.IsNullOrEmpty(p.Description)));
        Assert.Equal(AttributeProperties.All.Count, AttributeProperties.All.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Per_stage_keys_with_a_scalar_default_have_both_a_broadcast_and_a_per_stage_form()
    {
        foreach (var key in new[] { "groupWidth", "expansion", "seRatio", "attention" })
        {
            var forms = AttributeProperties.All.Where(p => p.FieldKey == key).ToList();
            Assert.Equal(2, forms.Count);
            Assert.Single(forms, p => p.Broadcast && !p.IsArray);
            Assert.Single(forms, p => !p.Broadcast && p.IsArray);
        }
    }
}
