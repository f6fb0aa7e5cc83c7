using System.Collections.Generic;
using System.Linq;

namespace Nfnet.Models.Tests;

/// <summary>
/// The state_dict an NFNet must have, written from the architecture rules (DeepMind nfnets/nfnet.py, timm naming of
/// dm_nfnet_*; reference nfnet-architecture.md §3 and §9.5), independently of the compiler and the generator.
/// </summary>
internal static class ExpectedArchitecture
{
    /// <summary>The hyperparameters that decide shapes; everything else in an NFNet follows from DeepMind's defaults.</summary>
    public sealed record Hyper(int[] Widths, int[] Depths, int NumClasses = 1000)
    {
        public const int GroupWidth = 128;
        public const double Expansion = 0.5;
        public const double SeRatio = 0.5;
        public static readonly int[] StageStrides = { 1, 2, 2, 2 };

        /// <summary>Stem 16, 32, 64, then width[0] / 2.</summary>
        public int[] StemWidths => new[] { 16, 32, 64, Widths[0] / 2 };

        /// <summary>final_conv has 2 × the last stage's width.</summary>
        public int FinalWidth => 2 * Widths[^1];
    }

    /// <summary>F0: widths [256, 512, 1536, 1536], depths [1, 2, 6, 3].</summary>
    public static readonly Hyper F0 = new(new[] { 256, 512, 1536, 1536 }, new[] { 1, 2, 6, 3 });

    /// <summary>FN has depths [1, 2, 6, 3] × (N + 1); FN+ has widths [384, 768, 2048, 2048].</summary>
    public static Hyper Of(string variant)
    {
        bool plus = variant.EndsWith('+');
        int n = int.Parse(variant.Substring(1, 1), System.Globalization.CultureInfo.InvariantCulture);
        var widths = plus ? new[] { 384, 768, 2048, 2048 } : new[] { 256, 512, 1536, 1536 };
        return new Hyper(widths, new[] { 1, 2, 6, 3 }.Select(d => d * (n + 1)).ToArray());
    }

    /// <summary>Every (name, shape) in timm's dm_nfnet_* order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> StateDict(Hyper h)
    {
        var tensors = new List<(string, long[])>();
        void Conv(string name, int inChannels, int outChannels, int kernel, int groups = 1)
        {
            tensors.Add(($"{name}.weight", new long[] { outChannels, inChannels / groups, kernel, kernel }));
            tensors.Add(($"{name}.bias", new long[] { outChannels }));
            tensors.Add(($"{name}.gain", new long[] { outChannels, 1, 1, 1 }));
        }

        int channels = 3;
        for (int i = 0; i < 4; i++)
        {
            Conv($"stem.conv{i + 1}", channels, h.StemWidths[i], 3);
            channels = h.StemWidths[i];
        }
        for (int s = 0; s < 4; s++)
        {
            int outChannels = h.Widths[s];
            // DeepMind: width = int(out · expansion), then rounded down to a multiple of the group width.
            int groups = (int)(outChannels * Hyper.Expansion) / Hyper.GroupWidth;
            int mid = groups * Hyper.GroupWidth;
            int hidden = (int)(outChannels * Hyper.SeRatio);
            for (int b = 0; b < h.Depths[s]; b++)
            {
                string prefix = $"stages.{s}.{b}";
                int stride = b == 0 ? Hyper.StageStrides[s] : 1;
                if (stride > 1 || channels != outChannels)
                    Conv($"{prefix}.downsample.conv", channels, outChannels, 1);
                Conv($"{prefix}.conv1", channels, mid, 1);
                Conv($"{prefix}.conv2", mid, mid, 3, groups);
                Conv($"{prefix}.conv2b", mid, mid, 3, groups);
                Conv($"{prefix}.conv3", mid, outChannels, 1);
                tensors.Add(($"{prefix}.attn_last.fc1.weight", new long[] { hidden, outChannels, 1, 1 }));
                tensors.Add(($"{prefix}.attn_last.fc1.bias", new long[] { hidden }));
                tensors.Add(($"{prefix}.attn_last.fc2.weight", new long[] { outChannels, hidden, 1, 1 }));
                tensors.Add(($"{prefix}.attn_last.fc2.bias", new long[] { outChannels }));
                tensors.Add(($"{prefix}.skipinit_gain", System.Array.Empty<long>()));
                channels = outChannels;
            }
        }
        Conv("final_conv", channels, h.FinalWidth, 1);
        tensors.Add(("head.fc.weight", new long[] { h.NumClasses, h.FinalWidth }));
        tensors.Add(("head.fc.bias", new long[] { h.NumClasses }));
        return tensors;
    }

    public static long ParameterCount(IEnumerable<(string Name, long[] Shape)> tensors) =>
        tensors.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b));
}
