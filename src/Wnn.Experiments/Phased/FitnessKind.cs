namespace Wnn.Experiments.Phased;

/// <summary>Fitness calculators (lower is better).</summary>
public enum FitnessKind
{
    /// <summary>Fitness = CE.</summary>
    CrossEntropy,

    /// <summary>Weighted harmonic mean of the CE rank (ascending) and the accuracy rank (descending).</summary>
    HarmonicRank,

    /// <summary>Weighted mean of min–max normalized CE and 1−accuracy.</summary>
    Normalized,

    /// <summary>Weighted harmonic mean of min–max normalized CE and 1−accuracy.</summary>
    NormalizedHarmonic,
}
