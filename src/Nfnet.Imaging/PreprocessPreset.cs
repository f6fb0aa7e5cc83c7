using System;
using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Imaging;

/// <summary>
/// How an image becomes a network input at evaluation: scale the shorter side to <see cref="ShorterSide"/>(S), cut the
/// centred S×S square, divide by 255 and normalize each channel with <see cref="Mean"/> and <see cref="Std"/>.
/// </summary>
/// <param name="Name">What a command line or a model's metadata calls it.</param>
/// <param name="ShorterSide">The shorter side to resize to for crop size S (at least S).</param>
public sealed record PreprocessPreset(string Name, Func<int, int> ShorterSide, float[] Mean, float[] Std)
{
    /// <summary>The NFNet paper's evaluation (DeepMind 'resize_crop_32'): shorter side to S+32, centre crop S, ImageNet mean/std.</summary>
    public static PreprocessPreset DeepMind { get; } = new("deepmind", s => s + 32, ImageNetNormalization.Mean, ImageNetNormalization.Std);

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyList<PreprocessPreset> All { get; } = new[] { DeepMind };

    /// <summary>The preset called <paramref name="name"/> (case-insensitive); throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static PreprocessPreset Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown preprocessing preset '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}", nameof(name));
}
