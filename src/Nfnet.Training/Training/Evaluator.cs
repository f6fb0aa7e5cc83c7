using System;
using System.Linq;
using Nfnet.Training.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nfnet.Training.Training;

/// <summary>Top-1/top-5 accuracy and mean cross-entropy of a model on a data set (evaluation view, eval mode).</summary>
public static class Evaluator
{
    /// <summary>Evaluates every sample of <paramref name="dataset"/>; <paramref name="progress"/> gets the samples done so far.</summary>
    public static EvaluationResult Run(nn.Module<Tensor, Tensor> model, IImageDataset dataset, int batchSize, Device device, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        bool wasTraining = model.training;
        model.eval();
        double lossSum = 0;
        long top1 = 0, top5 = 0;
        int k = Math.Min(5, dataset.ClassNames.Count);
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < dataset.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(batchSize, dataset.Count - start)).ToArray();
                var (images, labels) = BatchLoader.Load(dataset, indices, seed: 0, augmentationKey: null, device);
                var logits = model.call(images).to(ScalarType.Float32);
                lossSum += F.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                var best = logits.topk(k, dim: 1).indexes;
                var hits = best.eq(labels.unsqueeze(1));
                top1 += hits.select(1, 0).sum().item<long>();
                top5 += hits.any(1).sum().item<long>();
                progress?.Invoke(start + indices.Length);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        int n = dataset.Count;
        return new EvaluationResult(n, lossSum / n, (double)top1 / n, (double)top5 / n, k);
    }
}

/// <summary>Evaluation metrics; <see cref="TopK"/> is 5, or the class count when there are fewer classes.</summary>
public sealed record EvaluationResult(int Samples, double Loss, double Top1, double Top5, int TopK);
