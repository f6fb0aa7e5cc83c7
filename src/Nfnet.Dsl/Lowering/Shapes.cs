namespace Nfnet.Dsl.Lowering;

/// <summary>A feature map's shape without the batch: [Channels, Height, Width].</summary>
public readonly record struct FeatureShape(int Channels, int Height, int Width)
{
    public override string ToString() => $"[{Channels}, {Height}, {Width}]";
}

public static class Shapes
{
    /// <summary>Spatial size after a stride: ceil(size / stride), as TF SAME padding and ceil-mode pooling give.</summary>
    public static int Strided(int size, int stride) => (size + stride - 1) / stride;
}
