using System;
using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Dsl.Lowering;

/// <summary>What keeps a block's grouped 3×3 convs from existing.</summary>
public enum GroupProblem
{
    None,
    /// <summary>The mid width rounds to no channels (dense convs).</summary>
    NoChannels,
    /// <summary>The mid width is less than one group.</summary>
    ZeroGroups,
    /// <summary>timm keeps a rounded mid width that the groups do not divide.</summary>
    DoesNotDivide,
}

/// <summary>
/// How every derived width is computed: stage, stem, mid and final conv widths under DeepMind's or timm's rounding.
/// The validator uses these to report impossible widths alongside every other mistake; the plan builder uses the same
/// functions to build the plan, so the two can never disagree.
/// </summary>
/// <param name="Timm">timm's make_divisible rounding; DeepMind's truncation otherwise.</param>
/// <param name="Divisor">timm's ch_div.</param>
/// <param name="Factor">timm's width_factor (applied before rounding).</param>
public sealed record WidthRules(bool Timm, long Divisor, double Factor)
{
    /// <summary>A width after the width factor: truncated (DeepMind) or make_divisible (timm).</summary>
    public int Round(double width) => checked((int)(Timm ? ChannelMath.MakeDivisible(width * Factor, Divisor) : ChannelMath.Truncate(width * Factor)));

    /// <summary>
    /// The stem's convs (width, kernel, stride): the explicit stem's listed widths then width[0] / 2, or a timm stem
    /// type's convs from its rounded width <paramref name="stemWidth"/>.
    /// </summary>
    public static IReadOnlyList<(int Width, int Kernel, int Stride)> StemConvs(string type, IReadOnlyList<long> explicitWidths, int firstStageWidth, int stemWidth)
    {
        var c = stemWidth;
        if (type == "explicit")
        {
            var widths = explicitWidths.Select(w => (int)w).Append(firstStageWidth / 2).ToList();
            return widths.Select((w, i) => (w, 3, i == 0 || i == widths.Count - 1 ? 2 : 1)).ToList();
        }
        return type switch
        {
            "deep_quad" => [(c / 8, 3, 2), (c / 4, 3, 1), (c / 2, 3, 1), (c, 3, 2)],
            "deep" => [(c / 2, 3, 2), (c / 2, 3, 1), (c, 3, 1)],
            "deep_tiered" => [(3 * c / 8, 3, 2), (c / 2, 3, 1), (c, 3, 1)],
            "3x3" => [(c, 3, 2)],
            _ => [(c, 7, 2)],
        };
    }

    /// <summary>
    /// DeepMind: int(base × ratio), down to whole groups. timm: make_divisible(base × ratio), groups = mid / groupWidth,
    /// and mid = groups × groupWidth when the group width is a multiple of the channel divisor. Group width 0: dense.
    /// </summary>
    public (int Mid, int Groups, GroupProblem Problem) MidAndGroups(int baseWidth, double ratio, int groupWidth)
    {
        var mid = checked((int)(Timm ? ChannelMath.MakeDivisible(baseWidth * ratio, Divisor) : ChannelMath.Truncate(baseWidth * ratio)));
        if (groupWidth == 0)
            return mid < 1 ? (1, 1, GroupProblem.NoChannels) : (mid, 1, GroupProblem.None);
        var groups = mid / groupWidth;
        if (groups == 0)
            return (Math.Max(mid, 1), 1, GroupProblem.ZeroGroups);
        if (!Timm || groupWidth % Divisor == 0)
            return (groups * groupWidth, groups, GroupProblem.None);
        return (mid, groups, mid % groups == 0 ? GroupProblem.None : GroupProblem.DoesNotDivide);
    }

    /// <summary>
    /// The final conv's width: <paramref name="explicitWidth"/> rounded (0: none), else DeepMind int(multiplier × last
    /// stage width), timm make_divisible(widthFactor × int(last width as written × multiplier)).
    /// </summary>
    public int FinalConv(long? explicitWidth, double multiplier, long lastWidthAsWritten, int lastStageWidth)
    {
        if (explicitWidth is { } width)
            return width == 0 ? 0 : Round(width);
        return Timm ? Round(ChannelMath.Truncate(lastWidthAsWritten * multiplier)) : checked((int)ChannelMath.Truncate(multiplier * lastStageWidth));
    }
}
