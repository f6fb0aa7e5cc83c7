namespace Nfnet.Serving;

/// <summary>One ranked class of an image.</summary>
/// <param name="ClassName">The name stored in the model (nfnet.classes), or "class N".</param>
/// <param name="Probability">Softmax of the logits, in [0, 1].</param>
public sealed record Prediction(int ClassIndex, string ClassName, float Probability);
