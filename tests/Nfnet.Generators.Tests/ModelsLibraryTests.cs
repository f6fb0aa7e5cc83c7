using System;
using System.Linq;
using Nfnet.Models;
using Xunit;

namespace Nfnet.Generators.Tests;

/// <summary>The built Nfnet.Models library: what the generator gave a real build, used as a user would.</summary>
public sealed class ModelsLibraryTests
{
    [Fact]
    public void The_zoo_lists_every_F_and_F_plus_variant_with_its_metadata()
    {
        var names = NfnetZoo.Variants.Select(v => v.Name).ToList();

        Assert.Equal(52, names.Count);
        Assert.Subset(names.ToHashSet(), Enumerable.Range(0, 8).SelectMany(i => new[] { $"F{i}", $"F{i}+" }).ToHashSet());
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        var f0 = NfnetZoo.Variants.Single(v => v.Name == "F0");
        Assert.Equal(nameof(NfnetF0), f0.ClassName);
        Assert.Equal(NfnetF0.ParameterCount, f0.ParameterCount);
        Assert.Equal(71_489_284, f0.ParameterCount);
        Assert.Equal(12, f0.Blocks);
    }

    [Fact]
    public void The_zoo_builds_F0_plus_for_ten_classes_with_the_planned_parameter_count()
    {
        using var model = NfnetZoo.Create("F0+", numClasses: 10);

        Assert.IsType<NfnetF0Plus>(model);
        // The plan counts 1000 classes; the classifier is 4096 × classes + classes.
        const long head1000 = 4096L * 1000 + 1000, head10 = 4096L * 10 + 10;
        var parameters = model.parameters().Sum(p => p.numel());
        Assert.Equal(NfnetF0Plus.ParameterCount - head1000 + head10, parameters);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => NfnetZoo.Create("F8"));

        Assert.Contains("F0+", error.Message);
    }
}
