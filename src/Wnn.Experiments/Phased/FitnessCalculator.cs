namespace Wnn.Experiments.Phased;

/// <summary>
/// Computes population-relative fitness (lower is better) with CE/accuracy weights and an optional accuracy floor
/// below which fitness is +∞.
/// </summary>
public sealed class FitnessCalculator
{
    /// <summary>Creates a calculator.</summary>
    public FitnessCalculator(FitnessKind kind, double weightCe = 1.0, double weightAccuracy = 1.0, double? minAccuracyFloor = null)
    {
        if (weightCe < 0 || weightAccuracy < 0 || weightCe + weightAccuracy <= 0)
        {
            throw new ArgumentException($"fitness weights {weightCe}/{weightAccuracy} must be non-negative and not both 0");
        }

        Kind = kind;
        WeightCe = weightCe;
        WeightAccuracy = weightAccuracy;
        MinAccuracyFloor = minAccuracyFloor;
    }

    /// <summary>The calculator kind.</summary>
    public FitnessKind Kind { get; }

    /// <summary>Weight of CE.</summary>
    public double WeightCe { get; }

    /// <summary>Weight of accuracy.</summary>
    public double WeightAccuracy { get; }

    /// <summary>Accuracy below which fitness is +∞ (null = none).</summary>
    public double? MinAccuracyFloor { get; }

    /// <summary>Parses a config name: ce, harmonic_rank, normalized, normalized_harmonic.</summary>
    public static FitnessKind ParseKind(string name) => name switch
    {
        "ce" => FitnessKind.CrossEntropy,
        "harmonic_rank" => FitnessKind.HarmonicRank,
        "normalized" => FitnessKind.Normalized,
        "normalized_harmonic" => FitnessKind.NormalizedHarmonic,
        _ => throw new ArgumentException($"unknown fitness '{name}'; expected ce, harmonic_rank, normalized or normalized_harmonic"),
    };

    /// <summary>Fitness of every member of <paramref name="population"/>, relative to that population.</summary>
    public double[] Compute(IReadOnlyList<ScoredGenome> population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var ce = new double[population.Count];
        var acc = new double[population.Count];
        for (int i = 0; i < ce.Length; i++)
        {
            ce[i] = population[i].CrossEntropy;
            acc[i] = population[i].Accuracy;
        }

        return Compute(ce, acc);
    }

    /// <summary>Fitness of every (CE, accuracy) pair, relative to the whole set.</summary>
    public double[] Compute(ReadOnlySpan<double> ce, ReadOnlySpan<double> accuracy)
    {
        if (ce.Length != accuracy.Length)
        {
            throw new ArgumentException($"{ce.Length} CE values but {accuracy.Length} accuracies");
        }

        int n = ce.Length;
        var fitness = new double[n];
        switch (Kind)
        {
            case FitnessKind.CrossEntropy:
                ce.CopyTo(fitness);
                break;
            case FitnessKind.HarmonicRank:
                int[] ceRank = Ranks(ce, ascending: true);
                int[] accRank = Ranks(accuracy, ascending: false);
                for (int i = 0; i < n; i++)
                {
                    fitness[i] = Harmonic(ceRank[i], accRank[i]);
                }

                break;
            default:
                double[] nce = Normalize(ce);
                var err = new double[n];
                for (int i = 0; i < n; i++)
                {
                    err[i] = 1.0 - accuracy[i];
                }

                double[] nerr = Normalize(err);
                for (int i = 0; i < n; i++)
                {
                    fitness[i] = Kind == FitnessKind.Normalized
                        ? ((WeightCe * nce[i]) + (WeightAccuracy * nerr[i])) / (WeightCe + WeightAccuracy)
                        : Harmonic(nce[i], nerr[i]);
                }

                break;
        }

        if (MinAccuracyFloor is double floor)
        {
            for (int i = 0; i < n; i++)
            {
                if (accuracy[i] < floor)
                {
                    fitness[i] = double.PositiveInfinity;
                }
            }
        }

        return fitness;
    }

    /// <summary>Weighted harmonic mean; a zero component with positive weight makes it 0 (its limit).</summary>
    private double Harmonic(double a, double b)
    {
        if ((WeightCe > 0 && a <= 0) || (WeightAccuracy > 0 && b <= 0))
        {
            return 0;
        }

        double denominator = (WeightCe > 0 ? WeightCe / a : 0) + (WeightAccuracy > 0 ? WeightAccuracy / b : 0);
        return (WeightCe + WeightAccuracy) / denominator;
    }

    /// <summary>1-based competition ranks (equal values share the smallest rank).</summary>
    private static int[] Ranks(ReadOnlySpan<double> values, bool ascending)
    {
        int n = values.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        double[] v = values.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int cmp = ascending ? v[a].CompareTo(v[b]) : v[b].CompareTo(v[a]);
            return cmp != 0 ? cmp : a.CompareTo(b);
        });
        var ranks = new int[n];
        for (int r = 0; r < n; r++)
        {
            ranks[order[r]] = r > 0 && v[order[r]] == v[order[r - 1]] ? ranks[order[r - 1]] : r + 1;
        }

        return ranks;
    }

    /// <summary>Min–max normalization to [0, 1]; all zeros when every value is equal.</summary>
    private static double[] Normalize(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double x in values)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        var result = new double[values.Length];
        double range = max - min;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = range > 0 ? (values[i] - min) / range : 0;
        }

        return result;
    }

    /// <summary>Indices of <paramref name="fitness"/> sorted best first (ties keep the original order).</summary>
    public static int[] RankOrder(IReadOnlyList<double> fitness)
    {
        ArgumentNullException.ThrowIfNull(fitness);
        var order = new int[fitness.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int cmp = fitness[a].CompareTo(fitness[b]);
            return cmp != 0 ? cmp : a.CompareTo(b);
        });
        return order;
    }
}
