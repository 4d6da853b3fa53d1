using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class TpeSamplerTests
{
    private static double Run(Samplers.ISampler sampler, Func<Trial, double> objective, int trials = 100)
    {
        Study study = Study.Create(new StudyOptions { Sampler = sampler, Pruner = new NopPruner() });
        study.Optimize(objective, nTrials: trials);
        return study.BestValue;
    }

    [Fact]
    public void Tpe_beats_random_on_a_5d_sphere_over_ten_seeds_by_median()
    {
        double[] tpe = [.. Enumerable.Range(0, 10).Select(s => Run(new TpeSampler(s), t => TestFunctions.Sphere(t, 5)))];
        double[] random = [.. Enumerable.Range(0, 10).Select(s => Run(new RandomSampler(s), t => TestFunctions.Sphere(t, 5)))];
        double tpeMedian = TestFunctions.Median(tpe);
        double randomMedian = TestFunctions.Median(random);
        Assert.True(tpeMedian < 0.5 * randomMedian, $"TPE median {tpeMedian}, random median {randomMedian}");
        Assert.True(tpe.Zip(random).Count(p => p.First < p.Second) >= 8, "TPE should win on most seeds");
    }

    [Fact]
    public void Multivariate_tpe_beats_random_on_a_5d_sphere()
    {
        double[] tpe = [.. Enumerable.Range(0, 5).Select(s => Run(new TpeSampler(new TpeOptions { Seed = s, Multivariate = true }), t => TestFunctions.Sphere(t, 5)))];
        double[] random = [.. Enumerable.Range(0, 5).Select(s => Run(new RandomSampler(s), t => TestFunctions.Sphere(t, 5)))];
        Assert.True(TestFunctions.Median(tpe) < 0.5 * TestFunctions.Median(random), $"TPE {TestFunctions.Median(tpe)}, random {TestFunctions.Median(random)}");
    }

    [Fact]
    public void Tpe_finds_the_best_choice_of_categorical_and_integer_parameters()
    {
        static double Objective(Trial t)
        {
            string kind = t.SuggestCategorical("kind", ["bad", "good", "ugly", "worse"]);
            int n = t.SuggestInt("n", 1, 64, log: true);
            int k = t.SuggestInt("k", 0, 100, step: 10);
            return (kind == "good" ? 0 : 5) + Math.Abs(Math.Log2(n) - 3) + (Math.Abs(k - 70) / 10.0);
        }

        Study study = Study.Create(new StudyOptions { Sampler = new TpeSampler(3), Pruner = new NopPruner() });
        study.Optimize(Objective, nTrials: 80);
        Assert.Equal("good", study.BestParams["kind"]);
        Assert.True(study.BestValue <= 2, $"best {study.BestValue}");
        FrozenTrial[] late = [.. study.Trials.Skip(40)];
        Assert.True(late.Count(t => (string)t.Params["kind"]! == "good") > late.Length / 2);
    }

    [Fact]
    public void Grouped_multivariate_tpe_handles_conditional_branches()
    {
        static double Objective(Trial t)
        {
            string model = t.SuggestCategorical("model", ["a", "b"]);
            return model == "a"
                ? 1 + Math.Pow(t.SuggestFloat("a1", -3, 3), 2) + Math.Pow(t.SuggestFloat("a2", -3, 3), 2)
                : Math.Pow(t.SuggestFloat("b1", -3, 3) - 1, 2);
        }

        var sampler = new TpeSampler(new TpeOptions { Seed = 1, Multivariate = true, Group = true });
        Study study = Study.Create(new StudyOptions { Sampler = sampler, Pruner = new NopPruner() });
        study.Optimize(Objective, nTrials: 60);
        Assert.Equal("b", study.BestParams["model"]);
        Assert.True(study.BestValue < 0.1, $"best {study.BestValue}");
    }

    [Fact]
    public void Constant_liar_spreads_parallel_asks_away_from_running_trials()
    {
        static IReadOnlyList<double> PendingXs(bool liar)
        {
            Study study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeOptions { Seed = 2, ConstantLiar = liar }), Pruner = new NopPruner() });
            study.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 10) - 5), nTrials: 30);
            var running = new List<double>();
            for (int i = 0; i < 8; i++)
            {
                running.Add(study.Ask().SuggestFloat("x", 0, 10));
            }

            return running;
        }

        static double Spread(IReadOnlyList<double> xs) => xs.Max() - xs.Min();
        Assert.True(Spread(PendingXs(true)) > Spread(PendingXs(false)), $"liar {Spread(PendingXs(true))} vs plain {Spread(PendingXs(false))}");
    }

    [Fact]
    public void Constraints_steer_tpe_to_the_feasible_region()
    {
        static Study Run(bool constrained)
        {
            Study study = Study.Create(new StudyOptions { Sampler = new TpeSampler(5), Pruner = new NopPruner() });
            study.Optimize(t =>
            {
                double x = t.SuggestFloat("x", -5, 5);
                if (constrained)
                {
                    t.SetConstraints(1 - x);
                }

                return x * x;
            }, nTrials: 60);
            return study;
        }

        Study withConstraints = Run(true);
        Study without = Run(false);
        Assert.InRange((double)withConstraints.BestParams["x"]!, 1, 1.3);
        int feasible = withConstraints.Trials.Skip(30).Count(t => (double)t.Params["x"]! >= 1);
        int wouldBeFeasible = without.Trials.Skip(30).Count(t => (double)t.Params["x"]! >= 1);
        Assert.True(feasible >= wouldBeFeasible + 8, $"{feasible} vs {wouldBeFeasible} of the last 30 trials in x >= 1");
    }

    [Fact]
    public void Tpe_handles_several_objectives()
    {
        Study study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new TpeSampler(1) });
        study.OptimizeMultiObjective(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            double y = t.SuggestFloat("y", 0, 1);
            return [x + y, (1 - x) + y];
        }, nTrials: 50);
        Assert.True(study.BestTrials.Count >= 3);
        Assert.True(study.BestTrials.Min(t => (double)t.Params["y"]!) < 0.1);
    }

    [Fact]
    public void Invalid_tpe_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeOptions { Group = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(new TpeOptions { NEiCandidates = 0 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeOptions { PriorWeight = 0 }));
    }

    [Fact]
    public void Default_gamma_and_weights_follow_the_documented_formulas()
    {
        Assert.Equal(1, TpeOptions.DefaultGamma(10));
        Assert.Equal(2, TpeOptions.DefaultGamma(11));
        Assert.Equal(25, TpeOptions.DefaultGamma(1000));
        Assert.All(TpeOptions.DefaultWeights(24), w => Assert.Equal(1.0, w));
        double[] w = TpeOptions.DefaultWeights(100);
        Assert.Equal(0.01, w[0], 12);
        Assert.Equal(1.0, w[74], 12);
        Assert.Equal(1.0, w[99]);
    }
}
