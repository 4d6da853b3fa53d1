using System.Globalization;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>The four architectural dimensions of a transformer encoder: width, depth, attention heads and feed-forward width.</summary>
public sealed record Architecture(int DModel, int NLayers, int NHeads, int DFf)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad value when a dimension is not positive or n_heads does not divide d_model.</summary>
    public Architecture Validate()
    {
        Positive(DModel, "d_model");
        Positive(NLayers, "n_layers");
        Positive(NHeads, "n_heads");
        Positive(DFf, "d_ff");
        if (DModel % NHeads != 0)
        {
            int[] divisors = [.. Enumerable.Range(1, Math.Min(DModel, 64)).Where(h => DModel % h == 0)];
            throw new ArgumentException(
                $"n_heads {NHeads.ToString(CultureInfo.InvariantCulture)} does not divide d_model {DModel.ToString(CultureInfo.InvariantCulture)}; allowed n_heads for this d_model: {string.Join(", ", divisors)}.");
        }

        return this;
    }

    /// <summary>The width of one attention head (d_model / n_heads).</summary>
    public int HeadDim => DModel / NHeads;

    /// <summary>A compact label such as "d64-l2-h4-f128".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"d{DModel}-l{NLayers}-h{NHeads}-f{DFf}");

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be a positive integer, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
