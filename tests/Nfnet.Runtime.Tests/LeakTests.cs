using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Runtime.Tests;

public class LeakTests
{
    [Fact]
    public void Repeated_training_steps_do_not_leak_tensors()
    {
        manual_seed(51);
        using var net = new TinyNfnet();
        using var opt = Optim.AgcSgd.ForNfnet(net, lr: 0.01);
        using var x = randn(2, 3, 12, 12);

        void Step()
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            net.call(x).square().mean().backward();
            opt.step();
        }

        // The first steps create the gradients and momentum buffers; after that nothing may accumulate.
        Step();
        Step();
        DisposeScopeManager.Statistics.Reset();
        for (int i = 0; i < 5; i++) Step();
        long afterFive = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 5; i++) Step();
        Assert.Equal(afterFive, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        net.eval();
        using (no_grad())
        {
            using (var warm = net.call(x)) { }
            long beforeInference = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            for (int i = 0; i < 5; i++)
            {
                using var y = net.call(x);
            }
            Assert.Equal(beforeInference, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }
}
