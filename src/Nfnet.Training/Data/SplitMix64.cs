namespace Nfnet.Training.Data;

/// <summary>
/// A tiny, fully specified random generator (Steele et al.'s SplitMix64). Everything random in data loading derives
/// from one of these seeded by (run seed, epoch, sample), so any sample, batch order or augmentation can be
/// recomputed on resume without storing generator state, and results do not depend on .NET's Random algorithm.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts a stream at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A stream keyed by several values (e.g. seed, epoch, index); different keys give unrelated streams.</summary>
    public static SplitMix64 For(long a, long b = 0, long c = 0)
    {
        var mix = new SplitMix64((ulong)a);
        ulong s = mix.NextUInt64() ^ (ulong)b;
        mix = new SplitMix64(s);
        s = mix.NextUInt64() ^ (ulong)c;
        mix = new SplitMix64(s);
        mix.NextUInt64();
        return mix;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2.0 * System.Math.PI * u2);
    }

    /// <summary>A Fisher–Yates permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
