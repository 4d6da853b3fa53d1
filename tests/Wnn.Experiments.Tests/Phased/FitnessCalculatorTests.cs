using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class FitnessCalculatorTests
{
    // A: CE 2, acc 10%; B: CE 1, acc 5%; C: CE 3, acc 20%.
    private static readonly double[] Ce = [2.0, 1.0, 3.0];
    private static readonly double[] Acc = [0.10, 0.05, 0.20];

    [Fact]
    public void Ce_fitness_is_the_cross_entropy()
    {
        Assert.Equal(Ce, new FitnessCalculator(FitnessKind.CrossEntropy).Compute(Ce, Acc));
    }

    [Fact]
    public void Harmonic_rank_is_the_weighted_harmonic_mean_of_both_ranks()
    {
        // CE ranks A2 B1 C3, accuracy ranks A2 B3 C1: A = 2, B = 2/(1/1 + 1/3) = 1.5, C = 2/(1/3 + 1/1) = 1.5.
        double[] f = new FitnessCalculator(FitnessKind.HarmonicRank).Compute(Ce, Acc);
        Assert.Equal(2.0, f[0], 12);
        Assert.Equal(1.5, f[1], 12);
        Assert.Equal(1.5, f[2], 12);

        // Weights 3:1 — B = 4/(3/1 + 1/3) = 1.2, C = 4/(3/3 + 1/1) = 2.
        f = new FitnessCalculator(FitnessKind.HarmonicRank, 3, 1).Compute(Ce, Acc);
        Assert.Equal(1.2, f[1], 12);
        Assert.Equal(2.0, f[2], 12);
    }

    [Fact]
    public void Harmonic_rank_gives_ties_the_same_rank()
    {
        double[] f = new FitnessCalculator(FitnessKind.HarmonicRank, 1, 0).Compute([1.0, 1.0, 2.0], [0.1, 0.2, 0.3]);
        Assert.Equal([1.0, 1.0, 3.0], f);
    }

    [Fact]
    public void Normalized_is_the_weighted_mean_of_min_max_normalized_ce_and_error()
    {
        // nCE: A .5 B 0 C 1; error .9/.95/.8 → nErr: A 2/3, B 1, C 0.
        double[] f = new FitnessCalculator(FitnessKind.Normalized).Compute(Ce, Acc);
        Assert.Equal((0.5 + (2.0 / 3)) / 2, f[0], 12);
        Assert.Equal(0.5, f[1], 12);
        Assert.Equal(0.5, f[2], 12);
        f = new FitnessCalculator(FitnessKind.Normalized, 3, 1).Compute(Ce, Acc);
        Assert.Equal(((3 * 0.5) + (2.0 / 3)) / 4, f[0], 12);
    }

    [Fact]
    public void Normalized_harmonic_is_the_weighted_harmonic_mean_and_zero_when_a_part_is_zero()
    {
        double[] f = new FitnessCalculator(FitnessKind.NormalizedHarmonic).Compute(Ce, Acc);
        Assert.Equal(2 / ((1 / 0.5) + 1.5), f[0], 12);
        Assert.Equal(0.0, f[1]);
        Assert.Equal(0.0, f[2]);
    }

    [Fact]
    public void Genomes_below_the_accuracy_floor_get_infinite_fitness()
    {
        double[] f = new FitnessCalculator(FitnessKind.CrossEntropy, minAccuracyFloor: 0.08).Compute(Ce, Acc);
        Assert.Equal([2.0, double.PositiveInfinity, 3.0], f);
        Assert.Equal([0, 2, 1], FitnessCalculator.RankOrder(f));
    }

    [Fact]
    public void Equal_values_normalize_to_zero()
    {
        double[] f = new FitnessCalculator(FitnessKind.Normalized).Compute([1.0, 1.0], [0.5, 0.5]);
        Assert.Equal([0.0, 0.0], f);
    }
}
