using System.Collections.Generic;

namespace Nfnet.Analysis.Inspect;

/// <summary>
/// One line of the layer table: a module (or, for <c>stem.pool</c> and <c>skipinit_gain</c>, the step or parameter timm
/// names so) with what it outputs for one image and what it costs.
/// </summary>
/// <param name="Module">The state_dict prefix: "stem", "stem.conv1", "stages.1", "stages.1.0", "stages.1.0.conv2", "head".</param>
/// <param name="Kind">What it is, with its shape-changing constants: "conv 3×3 /2 3→16", "bottleneck 256→512 /2, mid 256".</param>
/// <param name="Depth">1 = stem, stages, final conv, head; 2 = stem convs and blocks; 3 = the parts of a block.</param>
/// <param name="OutputShape">Per image, without the batch: [C, H, W], [classes] for the head, empty for a scalar parameter.</param>
/// <param name="Parameters">Elements of every tensor under <see cref="Module"/> in the state_dict.</param>
/// <param name="Macs">Multiply-accumulates for one image, counted as DeepMind's count_flops counts them.</param>
public sealed record LayerRow(string Module, string Kind, int Depth, IReadOnlyList<int> OutputShape, long Parameters, long Macs);
