namespace Wnn.Ram.Bitwise;

/// <summary>Options of the bitwise RAM LM (docs/bitwise.md); defaults are the config schema's.</summary>
public sealed record BitwiseOptions
{
    /// <summary>Cell memory mode (default ternary).</summary>
    public MemoryMode MemoryMode { get; init; }

    /// <summary>Share of the training examples each neuron trains on, in (0, 1] (default 1 = all).</summary>
    public double NeuronSampleRate { get; init; } = 1.0;

    /// <summary>Most neurons a bit-cluster may have (the sample stream reserves 20 bits for the neuron number).</summary>
    public const int MaxNeuronsPerCluster = 4096;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(MemoryMode))
        {
            throw new ArgumentException($"memory mode {MemoryMode} is unknown; allowed ternary, quad_binary, quad_weighted");
        }

        if (!(NeuronSampleRate > 0.0 && NeuronSampleRate <= 1.0))
        {
            throw new ArgumentException($"neuron sample rate {NeuronSampleRate} is out of range; allowed (0, 1]");
        }
    }
}
