using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Nfnet.Cli;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>`nfnet train --resume` on a checkpoint with a piece missing or garbled: exit 1 and a message naming the piece.</summary>
public sealed class DamagedCheckpointTests : IDisposable
{
    private static readonly string[] TrainArgs =
    [
        "train", "--spec", "tiny.nfnet.yaml", "--variant", "T", "--image-size", "16", "--batch-size", "8", "--steps", "4",
        "--train-images", "16", "--held-out-images", "8", "--out", "run",
    ];

    private readonly TempDirectory _dir = new();

    public DamagedCheckpointTests()
    {
        TinySpec.WriteTo(_dir.Path);
        var (code, _, error) = BadInputCli.Run(_dir.Path, TrainArgs);
        Assert.True(code == 0, error);
    }

    public void Dispose() => _dir.Dispose();

    private string CheckpointPath => Path.Combine(_dir.Path, "run", "checkpoint.safetensors");

    /// <summary>Rewrites the checkpoint with one tensor or metadata entry removed or replaced.</summary>
    private void Damage(string? dropTensor = null, string? metadataKey = null, string? metadataValue = null)
    {
        Dictionary<string, Tensor> tensors;
        Dictionary<string, string> metadata;
        using (var content = SafetensorsFile.Read(CheckpointPath))
        {
            tensors = content.Tensors.Where(t => t.Key != dropTensor).ToDictionary(t => t.Key, t => t.Value.clone());
            metadata = new Dictionary<string, string>(content.Metadata);
        }
        Assert.True(dropTensor is null || tensors.Count > 0);
        if (metadataKey is not null)
        {
            Assert.True(metadata.ContainsKey(metadataKey), $"the checkpoint should have metadata '{metadataKey}' to damage");
            if (metadataValue is null) metadata.Remove(metadataKey);
            else metadata[metadataKey] = metadataValue;
        }
        SafetensorsFile.Write(CheckpointPath, tensors, metadata);
        foreach (var t in tensors.Values) t.Dispose();
    }

    private string Resume(params string[] fragments) =>
        BadInputCli.Rejects(_dir.Path, ExitCodes.SpecErrors, TrainArgs.Append("--resume").ToArray(), fragments);

    [Fact]
    public void A_missing_optimizer_state_is_named()
    {
        string key;
        using (var content = SafetensorsFile.Read(CheckpointPath))
            key = Assert.Single(content.Tensors.Keys, k => k.Contains("optimizer", StringComparison.Ordinal));
        Damage(dropTensor: key);
        Resume("is damaged", $"no '{key}' tensor");
    }

    [Fact]
    public void A_missing_step_is_named()
    {
        Damage(metadataKey: "step");
        Resume("is damaged", "no 'step'");
    }

    [Fact]
    public void A_garbled_step_is_named()
    {
        Damage(metadataKey: "epoch_seen", metadataValue: "many");
        Resume("is damaged", "'epoch_seen' is 'many', not a number");
    }
}
