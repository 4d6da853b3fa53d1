namespace Wnn.Ram.Evaluation.Fast;

/// <summary>How a neuron finds the evaluation examples that hit its stored patterns.</summary>
internal enum NeuronMatchMode
{
    /// <summary>Chosen per neuron by estimated cost.</summary>
    Automatic,

    /// <summary>Trie walk over bit planes.</summary>
    Sliced,

    /// <summary>Pattern lookup per example.</summary>
    Direct,
}
