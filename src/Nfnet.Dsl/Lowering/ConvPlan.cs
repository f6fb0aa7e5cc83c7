namespace Nfnet.Dsl.Lowering;

/// <summary>A scaled weight-standardized convolution: weight [Out, In/Groups, Kernel, Kernel], bias [Out], gain [Out,1,1,1].</summary>
/// <param name="Name">Its state_dict prefix, as timm names it (e.g. "stem.conv1", "stages.1.0.conv2").</param>
public sealed record ConvPlan(string Name, int InChannels, int OutChannels, int Kernel, int Stride, int Groups)
{
    public long WeightCount => (long)OutChannels * (InChannels / Groups) * Kernel * Kernel;

    /// <summary>Weight, bias and gain.</summary>
    public long ParameterCount => WeightCount + 2L * OutChannels;

    /// <summary>Output size along one axis: SAME and symmetric padding both give ceil(size / stride) for k=3, s≤2.</summary>
    public int OutputSize(int inputSize) => Shapes.Strided(inputSize, Stride);

    /// <summary>Multiply-accumulates as DeepMind's count_conv_flops: out_ch · out_h·out_w · in_ch/groups · k².</summary>
    public long Macs(int inputHeight, int inputWidth) =>
        checked(WeightCount * OutputSize(inputHeight) * OutputSize(inputWidth));
}
