using System;
using System.Globalization;
using System.Linq;
using Nfnet.Distributed;
using Nfnet.Training.Models;
using static TorchSharp.torch;

// mpirun -np N dotnet Nfnet.AllReduceBenchmark.dll [variant] [rounds] [bucket MB]
// Sums a gradient of every trainable parameter of the variant over the ranks (the calls `nfnet train` makes each step,
// whose losses are pre-scaled by 1/N) and
// prints, on rank 0, the median time per step and the bandwidth it implies.
var variant = args.Length > 0 ? args[0] : "F0";
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
long bucketBytes = args.Length > 2 ? (long)(double.Parse(args[2], CultureInfo.InvariantCulture) * (1 << 20)) : BucketPlan.DefaultBucketBytes;
if (LaunchEnvironment.FromProcess() is null)
{
    Console.Error.WriteLine("run under mpirun, e.g. mpirun -np 2 dotnet Nfnet.AllReduceBenchmark.dll F0");
    return 2;
}
set_num_threads(1);
using var parallel = DataParallel.Start(CPU, bucketBytes);
var network = NetworkFactory.Create(variant, specPath: null);
using var model = network.Module;
var parameters = model.parameters().Where(p => p.requires_grad).ToList();
var gradients = parameters.Select(p => (Tensor?)ones_like(p)).ToList();
var reduce = parallel.Gradients;
var times = new double[rounds];
for (int r = -1; r < rounds; r++)
{
    // Start together, so a round measures the reduction and not one rank arriving late.
    parallel.Any(false);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    reduce.Sum(gradients);
    if (r >= 0) times[r] = clock.Elapsed.TotalMilliseconds;
}
// The same gradients reduced one by one with MPI alone: no bucket copies, no division by the rank count.
var mpi = new Nfnet.Distributed.Mpi.MpiTensorCollectives((Nfnet.Distributed.Mpi.MpiCommunicator)parallel.Communicator);
var raw = new double[rounds];
for (int r = -1; r < rounds; r++)
{
    parallel.Any(false);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    foreach (var g in gradients) mpi.SumInPlace(g!);
    if (r >= 0) raw[r] = clock.Elapsed.TotalMilliseconds;
}
Array.Sort(raw);
Array.Sort(times);
double median = times[rounds / 2];
double bytes = reduce.BytesPerStep;
// A ring all-reduce moves 2(N-1)/N of the data through each rank's link ("bus bandwidth", as nccl-tests reports it).
double bus = 2.0 * (parallel.Size - 1) / parallel.Size * bytes / (median / 1000) / 1e9;
if (parallel.IsRoot)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{variant}: {bytes / 1e6:F1} MB of gradients ({gradients.Count} tensors) in {reduce.CallsPerStep} calls ({bucketBytes >> 20} MiB buckets), {parallel.Size} ranks: median {median:F1} ms per step (min {times[0]:F1}, max {times[^1]:F1}, {rounds} rounds), {bytes / (median / 1000) / 1e9:F2} GB/s algorithm bandwidth, {bus:F2} GB/s bus bandwidth; MPI_Allreduce alone, one call per tensor: median {raw[rounds / 2]:F1} ms"));
return 0;
