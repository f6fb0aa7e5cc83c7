using System;

namespace Nfnet.Dsl.Lowering;

/// <summary>The two ways the references round channel counts, and the ECA kernel rule.</summary>
public static class ChannelMath
{
    /// <summary>
    /// timm's make_divisible: the nearest multiple of <paramref name="divisor"/> (halves round up), never below one
    /// divisor, and bumped one step up when rounding down lost more than (1 − <paramref name="roundLimit"/>) of the value.
    /// 18 with divisor 8 rounds to 16, which is below 0.9 × 18, so it gives 24.
    /// </summary>
    public static long MakeDivisible(double value, long divisor, double roundLimit = 0.9)
    {
        var rounded = Math.Max(divisor, (long)(value + divisor / 2.0) / divisor * divisor);
        if (rounded < roundLimit * value)
            rounded += divisor;
        return rounded;
    }

    /// <summary>DeepMind's rounding: Python's int(), truncation toward zero.</summary>
    public static long Truncate(double value) => (long)value;

    /// <summary>
    /// ECA's adaptive kernel size for <paramref name="channels"/> channels (Wang et al. 2020 with γ = 2, b = 1, as timm):
    /// t = int(|log2(C) + 1| / 2), made odd by adding 1 when even, at least 3.
    /// </summary>
    public static int EcaKernelSize(long channels)
    {
        var t = (int)(Math.Abs(Math.Log(channels, 2) + 1) / 2);
        return Math.Max(t % 2 == 1 ? t : t + 1, 3);
    }
}
