using BenchmarkDotNet.Attributes;

namespace Nfnet.Benchmarks;

/// <summary>BenchmarkDotNet suite: WS conv against a plain conv of the same shape (NFNet F0 stage-1-like).</summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class WsConvBenchmarks
{
    private ConvPair? _pair;

    [Params(1, 8)]
    public long Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pair = new ConvPair(Batch, 256, 24);
        _pair.Ws.eval();
        _pair.Plain.eval();
    }

    [GlobalCleanup]
    public void Cleanup() => _pair?.Dispose();

    [Benchmark(Baseline = true)]
    public void PlainTrainStep() => ConvPair.TrainStep(_pair!.Plain, _pair.Input);

    [Benchmark]
    public void WsTrainStep() => ConvPair.TrainStep(_pair!.Ws, _pair.Input);

    // GlobalSetup runs per benchmark case and leaves both modules in eval mode; only TrainStep switches to
    // training, so the eval cases see a steady-state WS cache.
    [Benchmark]
    public void PlainEvalForward() => ConvPair.EvalForward(_pair!.Plain, _pair.Input);

    [Benchmark]
    public void WsEvalForward() => ConvPair.EvalForward(_pair!.Ws, _pair.Input);
}
