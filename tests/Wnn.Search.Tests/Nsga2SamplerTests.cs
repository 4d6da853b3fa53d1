using Wnn.Search;
using Wnn.Search.MultiObjective;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class Nsga2SamplerTests
{
    private static readonly StudyDirection[] TwoMin = [StudyDirection.Minimize, StudyDirection.Minimize];
    private static readonly double[] Reference = [1.1, 11];

    private static double[] Zdt1(Trial t, int dims = 10)
    {
        double x1 = t.SuggestFloat("x0", 0, 1);
        double sum = 0;
        for (int i = 1; i < dims; i++)
        {
            sum += t.SuggestFloat($"x{i}", 0, 1);
        }

        double g = 1 + (9 * sum / (dims - 1));
        return [x1, g * (1 - Math.Sqrt(x1 / g))];
    }

    private static double Hv(IEnumerable<FrozenTrial> trials) =>
        ParetoFront.Hypervolume([.. trials.Where(t => t.State == TrialState.Complete).Select(t => t.Values!.ToArray())], Reference, TwoMin);

    private static Study Run(ISampler sampler, int trials)
    {
        Study study = Study.Create(new StudyOptions { Directions = TwoMin, Sampler = sampler });
        study.OptimizeMultiObjective(t => Zdt1(t), nTrials: trials);
        return study;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Nsga2_improves_the_zdt1_hypervolume_over_generations_and_beats_random(int seed)
    {
        Study nsga = Run(new Nsga2Sampler(seed), 1000);
        Study random = Run(new RandomSampler(seed), 1000);
        double firstGeneration = Hv(nsga.Trials.Take(50));
        double final = Hv(nsga.Trials);
        double randomFinal = Hv(random.Trials);
        Assert.True(final > firstGeneration + 1.0, $"first generation {firstGeneration}, final {final}");
        Assert.True(final > randomFinal + 0.5, $"NSGA-II {final}, random {randomFinal}");
        Assert.Equal(19, nsga.Trials.Max(t => Convert.ToInt32(t.SystemAttributes[Nsga2Sampler.GenerationAttribute], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Sbx_crossover_also_improves_the_hypervolume()
    {
        Study nsga = Run(new Nsga2Sampler(new Nsga2Options { Seed = 3, Crossover = Nsga2Crossover.SimulatedBinary }), 800);
        Assert.True(Hv(nsga.Trials) > Hv(nsga.Trials.Take(50)) + 1.0);
    }

    [Fact]
    public void Constrained_domination_prefers_feasible_trials()
    {
        Study study = Study.Create(new StudyOptions { Directions = TwoMin, Sampler = new Nsga2Sampler(new Nsga2Options { Seed = 4, PopulationSize = 20 }) });
        study.OptimizeMultiObjective(t =>
        {
            double[] v = Zdt1(t, 4);
            t.SetConstraints(0.3 - (double)t.Params["x0"]!);
            return v;
        }, nTrials: 300);
        int lateFeasible = study.Trials.Skip(200).Count(t => t.IsFeasible);
        Assert.True(lateFeasible >= 80, $"{lateFeasible} of the last 100 trials feasible");
        Assert.All(study.BestTrials, t => Assert.True((double)t.Params["x0"]! >= 0.3));
    }

    [Fact]
    public void Hypervolume_matches_hand_computed_areas()
    {
        double[][] points = [[1, 3], [2, 2], [3, 1]];
        Assert.Equal(6.0, ParetoFront.Hypervolume(points, [4, 4], TwoMin), 12);
        Assert.Equal(1.0, ParetoFront.Hypervolume([[0, 0, 0]], [1, 1, 1], [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize]), 12);
        Assert.Equal(0.75, ParetoFront.Hypervolume([[0.5, 0, 0], [0, 0.5, 0]], [1, 1, 1], [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize]), 12);
        Assert.Equal(4.0, ParetoFront.Hypervolume([[2, -2]], [0, 0], [StudyDirection.Maximize, StudyDirection.Minimize]), 12);
    }

    [Fact]
    public void Invalid_nsga2_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Nsga2Sampler(new Nsga2Options { PopulationSize = 1 }));
        Assert.Throws<ArgumentException>(() => new Nsga2Sampler(new Nsga2Options { CrossoverProbability = 1.5 }));
        Assert.Throws<ArgumentException>(() => new Nsga2Sampler(new Nsga2Options { MutationProbability = -0.1 }));
    }
}
