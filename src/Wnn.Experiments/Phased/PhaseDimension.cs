namespace Wnn.Experiments.Phased;

/// <summary>The genome dimension a phase optimizes.</summary>
public enum PhaseDimension
{
    /// <summary>Neurons per cluster.</summary>
    Neurons,

    /// <summary>Bits per neuron.</summary>
    Bits,

    /// <summary>Connections (input bit of every address bit).</summary>
    Connections,
}
