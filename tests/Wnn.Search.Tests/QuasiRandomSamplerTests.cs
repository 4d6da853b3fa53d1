using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class QuasiRandomSamplerTests
{
    [Fact]
    public void Plain_Sobol_starts_with_the_textbook_points()
    {
        var sobol = new SobolSequence(scramble: false);
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];
        for (int i = 0; i < expected.Length; i++)
        {
            for (int d = 0; d < 3; d++)
            {
                Assert.Equal(expected[i][d], sobol.Get(i, d));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_dimension_of_the_first_2_to_the_k_points_is_stratified(bool scramble)
    {
        var sobol = new SobolSequence(scramble, seed: 11);
        for (int k = 1; k <= 10; k++)
        {
            int n = 1 << k;
            for (int d = 0; d < SobolSequence.MaxDimensions; d++)
            {
                var cells = new HashSet<int>();
                for (int i = 0; i < n; i++)
                {
                    double x = sobol.Get(i, d);
                    Assert.InRange(x, 0, 1);
                    cells.Add((int)(x * n));
                }

                Assert.True(cells.Count == n, $"dimension {d}, 2^{k} points: only {cells.Count} of {n} strata hit");
            }
        }
    }

    [Fact]
    public void Sobol_pairs_of_dimensions_are_balanced_in_2_by_2_quadrants()
    {
        var sobol = new SobolSequence(scramble: true, seed: 5);
        for (int d = 1; d < SobolSequence.MaxDimensions; d++)
        {
            int[] quadrant = new int[4];
            for (int i = 0; i < 64; i++)
            {
                quadrant[((int)(sobol.Get(i, 0) * 2) * 2) + (int)(sobol.Get(i, d) * 2)]++;
            }

            Assert.All(quadrant, q => Assert.Equal(16, q));
        }
    }

    [Fact]
    public void Qmc_sampler_spreads_a_parameter_evenly_over_its_range()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new QmcSampler(seed: 2), Pruner = new NopPruner() });
        study.Optimize(t => t.SuggestFloat("x", 0, 16) + t.SuggestInt("n", 0, 15), nTrials: 16);
        Assert.Equal(16, study.Trials.Select(t => (int)(double)t.Params["x"]!).Distinct().Count());
        Assert.Equal(16, study.Trials.Select(t => (int)t.Params["n"]!).Distinct().Count());
    }

    [Fact]
    public void Latin_hypercube_puts_one_point_in_each_stratum_of_every_parameter()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new LatinHypercubeSampler(20, seed: 9), Pruner = new NopPruner() });
        study.Optimize(t => t.SuggestFloat("a", 0, 1) + t.SuggestFloat("b", 1, 1e4, log: true), nTrials: 20);
        Assert.Equal(20, study.Trials.Select(t => (int)((double)t.Params["a"]! * 20)).Distinct().Count());
        Assert.Equal(20, study.Trials.Select(t => (int)(Math.Log10((double)t.Params["b"]!) / 4 * 20)).Distinct().Count());
    }
}
