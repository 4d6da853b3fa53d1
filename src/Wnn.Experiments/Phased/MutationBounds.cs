namespace Wnn.Experiments.Phased;

/// <summary>Ranges mutations clamp to (defaults: bits [4, 24], neurons [1, 20]).</summary>
public sealed record MutationBounds(int MinBits = 4, int MaxBits = 24, int MinNeurons = 1, int MaxNeurons = 20)
{
    /// <summary>Bits step Δb = max(1, round(0.1·(min+max))).</summary>
    public int BitsDelta => Math.Max(1, (int)Math.Round(0.1 * (MinBits + MaxBits)));

    /// <summary>Neurons step Δn = max(1, round(0.1·(min+max))).</summary>
    public int NeuronsDelta => Math.Max(1, (int)Math.Round(0.1 * (MinNeurons + MaxNeurons)));
}
