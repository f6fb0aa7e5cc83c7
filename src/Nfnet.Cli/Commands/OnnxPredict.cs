using System;
using System.IO;
using System.Linq;
using Nfnet.Serving;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet predict --onnx model.onnx IMAGE...`: the same top-5 output as `predict --weights`, on ONNX Runtime alone
/// (Nfnet.Serving's <see cref="OnnxClassifier"/>). Nothing here touches TorchSharp, so libtorch is never loaded.
/// </summary>
public static class OnnxPredict
{
    public static int Run(CliContext context, string modelPath, int? imageSize, string? labels, string[] images)
    {
        try
        {
            var missing = images.FirstOrDefault(i => !File.Exists(Path.GetFullPath(i, context.WorkingDirectory)));
            if (missing is not null)
                throw new FileNotFoundException($"no such image file '{missing}'", missing);
            var names = labels is null ? null : File.ReadAllLines(Path.GetFullPath(labels, context.WorkingDirectory));
            using var classifier = OnnxClassifier.Open(Path.GetFullPath(modelPath, context.WorkingDirectory));
            if (imageSize is { } size && size != classifier.ImageSize)
                throw new ArgumentException($"--image-size {size}: {modelPath} was exported for {classifier.ImageSize}×{classifier.ImageSize} (export again with --image-size {size})");

            int skipped = 0;
            foreach (var image in images)
            {
                var path = Path.GetFullPath(image, context.WorkingDirectory);
                float[] input;
                try
                {
                    input = classifier.Preprocess(path);
                }
                catch (InvalidDataException e)
                {
                    context.Error.WriteLine($"warning: skipping unreadable image {e.Message}");
                    skipped++;
                    continue;
                }
                context.Out.WriteLine(Path.GetRelativePath(context.WorkingDirectory, path));
                var ranked = classifier.Rank(classifier.Logits(input, 1), Math.Min(5, classifier.NumClasses));
                for (int k = 0; k < ranked.Count; k++)
                {
                    var p = ranked[k];
                    string name = names is not null && p.ClassIndex < names.Length ? names[p.ClassIndex] : p.ClassName;
                    context.Out.WriteLine($"  {k + 1}. {name,-24} {p.Probability * 100,6:F2}%");
                }
            }
            return skipped == 0 ? ExitCodes.Success : TrainCommand.Failed;
        }
        // RunFailures' list names Nfnet.Training's exceptions; these are the ones ONNX serving can raise.
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return RunFailures.Report(context, "predict", e);
        }
    }
}
