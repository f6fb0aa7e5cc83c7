using System.Linq;
using Nfnet.Models;
using Nfnet.Training.Models;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests;

public class PlanModelTests
{
    [Fact]
    public void Plan_model_of_F0_has_exactly_the_generated_F0_state_dict_names_and_shapes()
    {
        // META tensors have shapes but no storage, so both 71M-parameter networks are free to build.
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "F0");
        using var planModel = new PlanModel(plan, device: META);
        using var generated = NfnetZoo.Create("F0", device: META);

        var expected = generated.state_dict().Select(p => (p.Key, string.Join("x", p.Value.shape))).ToList();
        var actual = planModel.state_dict().Select(p => (p.Key, string.Join("x", p.Value.shape))).ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(233, actual.Count); // timm dm_nfnet_f0 has 233 tensors
        Assert.Equal(71_489_284L, planModel.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Plan_model_computes_what_the_generated_class_computes_with_the_same_weights()
    {
        var plan = ModelSpecs.Find(ModelSpecs.BuiltIn(), "F0");
        random.manual_seed(5);
        using var generated = NfnetZoo.Create("F0", numClasses: 3, dropRate: 0, stochasticDepthRate: 0);
        using var planModel = new PlanModel(plan, numClasses: 3, dropRate: 0, stochasticDepthRate: 0);
        Weights.ModelWeights.LoadStrict(planModel, generated.state_dict());
        generated.eval();
        planModel.eval();

        var x = randn(1, 3, 64, 64);
        using var noGrad = no_grad();
        Assert.Equal(generated.call(x).data<float>().ToArray(), planModel.call(x).data<float>().ToArray());
    }

    [Fact]
    public void Drop_path_rates_follow_the_plan_from_zero_to_rate_times_last_index_over_blocks()
    {
        var plan = TinySpec.Plan();
        using var model = new PlanModel(plan);
        var rates = model.modules().OfType<Nfnet.Runtime.NormFreeBlock>().Select(b => b.DropPathRate).ToArray();
        // 3 blocks, rate 0.2: 0, 0.2/3, 0.4/3.
        Assert.Equal(new[] { 0.0, 0.2 * 1 / 3, 0.2 * 2 / 3 }, rates);
    }
}
