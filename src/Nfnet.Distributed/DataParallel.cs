using System;
using System.Collections.Generic;
using System.Linq;
using Nfnet.Distributed.Mpi;
using Nfnet.Distributed.Nccl;
using TorchSharp;
using static TorchSharp.torch;

namespace Nfnet.Distributed;

/// <summary>
/// One rank of a synchronous data-parallel run: which slice of every global batch it computes, and the collectives
/// the trainer needs (gradient averaging, metric sums, a collective stop, broadcasts from rank 0). Host messages go
/// over MPI; tensor collectives over MPI for CPU models and NCCL for CUDA models.
/// </summary>
public sealed class DataParallel : IDisposable
{
    private readonly ITensorCollectives _tensors;
    private readonly bool _owns;

    /// <summary>A rank over <paramref name="communicator"/> and <paramref name="tensors"/>, which the caller keeps and disposes.</summary>
    public DataParallel(ICommunicator communicator, ITensorCollectives tensors, long bucketBytes = BucketPlan.DefaultBucketBytes)
        : this(communicator, tensors, bucketBytes, owns: false)
    {
    }

    private DataParallel(ICommunicator communicator, ITensorCollectives tensors, long bucketBytes, bool owns)
    {
        Communicator = communicator ?? throw new ArgumentNullException(nameof(communicator));
        _tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        _owns = owns;
        Gradients = new GradientAllReduce(tensors, communicator.Size, bucketBytes);
    }

    /// <summary>
    /// Joins the run this process was launched into: initializes MPI and, for a CUDA <paramref name="device"/>, NCCL on
    /// that device, with gradient buckets of <paramref name="bucketBytes"/>. Disposing it finalizes both.
    /// </summary>
    public static DataParallel Start(Device device, long bucketBytes = BucketPlan.DefaultBucketBytes)
    {
        ArgumentNullException.ThrowIfNull(device);
        var mpi = MpiCommunicator.Initialize();
        try
        {
            ITensorCollectives tensors = device.type == DeviceType.CUDA
                ? NcclTensorCollectives.Create(mpi, device.index < 0 ? 0 : device.index)
                : new MpiTensorCollectives(mpi);
            return new DataParallel(mpi, tensors, bucketBytes, owns: true);
        }
        catch
        {
            mpi.Dispose();
            throw;
        }
    }

    /// <summary>The host communicator (MPI).</summary>
    public ICommunicator Communicator { get; }

    /// <summary>This rank.</summary>
    public int Rank => Communicator.Rank;

    /// <summary>Ranks in the run.</summary>
    public int Size => Communicator.Size;

    /// <summary>Whether this is rank 0, the only one that writes files and prints progress.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>E.g. "data-parallel over 2 ranks (MPI)" or "... (NCCL, MPI for setup)".</summary>
    public string Description =>
        $"data-parallel over {Size} rank{(Size == 1 ? "" : "s")} ({(_tensors.Backend == Communicator.Backend ? Communicator.Backend : $"{_tensors.Backend}, {Communicator.Backend} for setup")})";

    /// <summary>The gradient averaging and its timing.</summary>
    public GradientAllReduce Gradients { get; }

    /// <summary>
    /// Where rank <paramref name="rank"/>'s part of a global batch of <paramref name="globalBatch"/> starts, and its
    /// size. Slices are equal (the batch must divide evenly), so averaging the ranks' gradients weighs every sample as
    /// one process would.
    /// </summary>
    public static (int Offset, int Count) Slice(int globalBatch, int rank, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, size);
        if (globalBatch % size != 0)
            throw new ArgumentException($"--batch-size {globalBatch} does not split evenly over {size} ranks; use a multiple of {size} (it is the global batch, each rank computes batch/{size})");
        int count = globalBatch / size;
        return (rank * count, count);
    }

    /// <summary>This rank's slice of a global batch.</summary>
    public (int Offset, int Count) SliceOf(int globalBatch) => Slice(globalBatch, Rank, Size);

    /// <summary>
    /// The factor each rank's loss is multiplied by before backward (1/N), so that <see cref="SumGradients"/> leaves
    /// the mean over ranks: a scalar multiply instead of a division of every gradient afterwards. A power-of-two N
    /// scales exactly, so with 2, 4, 8... ranks the result is bit-for-bit that of dividing after the sum.
    /// </summary>
    public double LossScale => 1.0 / Size;

    /// <summary>Sums the gradients of <paramref name="module"/>'s trainable parameters over ranks, in place (after a backward of loss × <see cref="LossScale"/>).</summary>
    public void SumGradients(nn.Module module) => Gradients.Sum(Trainable(module));

    private static List<Tensor?> Trainable(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Where(p => p.requires_grad).Select(p => p.grad).ToList();
    }

    /// <summary>Gives every rank rank 0's parameters and buffers, so the ranks start from one state whatever their initialization did.</summary>
    public void BroadcastState(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var tensor in module.parameters().Cast<Tensor>().Concat(module.buffers()))
        {
            if (tensor.is_contiguous())
            {
                _tensors.BroadcastInPlace(tensor, root: 0);
                continue;
            }
            using var dense = tensor.contiguous();
            _tensors.BroadcastInPlace(dense, root: 0);
            tensor.copy_(dense);
        }
    }

    /// <summary>Element-wise sums over ranks, in place (e.g. loss × samples and correct counts of each rank's slice).</summary>
    public void Sum(Span<double> values) => Communicator.AllReduceSum(values);

    /// <summary>Whether <paramref name="flag"/> is true on any rank (e.g. "stop": Ctrl-C reached one rank).</summary>
    public bool Any(bool flag)
    {
        Span<long> value = [flag ? 0 : 1];
        Communicator.AllReduceMin(value);
        return value[0] == 0;
    }

    /// <summary>Rank 0's bytes on every rank (null stays null): see <see cref="Broadcasts.Bytes"/>.</summary>
    public byte[]? BroadcastBytes(byte[]? onRoot) => Broadcasts.Bytes(Communicator, onRoot);

    /// <inheritdoc/>
    public void Dispose()
    {
        Gradients.Dispose();
        if (!_owns) return;
        _tensors.Dispose();
        Communicator.Dispose();
    }
}
