namespace Wnn.Ram.Bitwise;

/// <summary>How a bitwise neuron's cell turns its write counts into a state and a value (docs/bitwise.md).</summary>
public enum MemoryMode
{
    /// <summary>TRUE / FALSE / EMPTY, TRUE wins.</summary>
    Ternary,

    /// <summary>Four count-driven states scored 0 or 1.</summary>
    QuadBinary,

    /// <summary>Four count-driven states scored 0, 1/4, 3/4, 1.</summary>
    QuadWeighted,
}
