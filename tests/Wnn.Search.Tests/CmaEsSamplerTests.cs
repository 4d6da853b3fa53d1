using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class CmaEsSamplerTests
{
    private static readonly double[] Optimum = [1.5, -2.0, 0.5, 3.0];

    private static double Quadratic(Trial t)
    {
        double sum = 0;
        for (int i = 0; i < Optimum.Length; i++)
        {
            double d = t.SuggestFloat($"x{i}", -5, 5) - Optimum[i];
            sum += (i + 1) * d * d;
        }

        return sum;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cma_es_converges_on_a_4d_quadratic(int seed)
    {
        Study study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(seed), Pruner = new NopPruner() });
        study.Optimize(Quadratic, nTrials: 500);
        Assert.True(study.BestValue < 1e-4, $"best {study.BestValue}");
        for (int i = 0; i < Optimum.Length; i++)
        {
            Assert.Equal(Optimum[i], (double)study.BestParams[$"x{i}"]!, 1);
        }
    }

    [Fact]
    public void Cma_es_beats_random_by_orders_of_magnitude()
    {
        Study cma = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(7), Pruner = new NopPruner() });
        cma.Optimize(Quadratic, nTrials: 300);
        Study random = Study.Create(new StudyOptions { Sampler = new RandomSampler(7), Pruner = new NopPruner() });
        random.Optimize(Quadratic, nTrials: 300);
        Assert.True(cma.BestValue * 100 < random.BestValue, $"cma {cma.BestValue}, random {random.BestValue}");
    }

    [Fact]
    public void Cma_es_maximizes_and_handles_integers_and_categoricals()
    {
        var sampler = new CmaEsSampler(4);
        Study study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize], Sampler = sampler, Pruner = new NopPruner() });
        study.Optimize(t =>
        {
            int a = t.SuggestInt("a", -20, 20);
            int b = t.SuggestInt("b", 0, 100, step: 5);
            double c = t.SuggestFloat("c", 0, 1);
            string kind = t.SuggestCategorical("kind", ["x", "y"]);
            return -Math.Abs(a - 7) - Math.Abs(b - 35) / 5.0 - Math.Abs(c - 0.2) + (kind == "y" ? 0.01 : 0);
        }, nTrials: 200);
        Assert.Equal(7, study.BestParams["a"]);
        Assert.Equal(35, study.BestParams["b"]);
        Assert.True(study.BestValue > -0.2, $"best {study.BestValue}");
    }

    [Fact]
    public void Ipop_restarts_double_the_population_after_convergence()
    {
        var sampler = new CmaEsSampler(new CmaEsOptions { Seed = 5, PopulationSize = 6 });
        Study study = Study.Create(new StudyOptions { Sampler = sampler, Pruner = new NopPruner() });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -1, 1), 2) + Math.Pow(t.SuggestFloat("y", -1, 1), 2), nTrials: 1500);
        Assert.True(sampler.Restarts >= 1, "expected at least one restart");
        Assert.Equal(6 << sampler.Restarts, sampler.CurrentPopulationSize);
        Assert.True(study.BestValue < 1e-12, $"best {study.BestValue}");
    }

    [Fact]
    public void Cma_es_rejects_several_objectives_and_bad_options()
    {
        Study study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new CmaEsSampler(1) });
        Assert.Throws<InvalidOperationException>(() => study.Ask());
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { Sigma0 = 0 }));
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { Sigma0Unit = 0 }));
        var unitTooBig = Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { Sigma0Unit = 50 }));
        Assert.Contains("for Optuna's sigma0 in parameter units set Sigma0", unitTooBig.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { Sigma0 = 1, Sigma0Unit = 0.3 }));
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { PopulationSize = 1 }));
    }

    private static List<(double X, double Y)> Asks(CmaEsOptions options, int trials = 30)
    {
        Study study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options), Pruner = new NopPruner() });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", 0, 100) - 30, 2) + Math.Pow(t.SuggestFloat("y", 0, 200) - 30, 2), nTrials: trials);
        // Rounded: Optuna-unit step sizes equal the unit ones up to the last bit of a division.
        return [.. study.Trials.Select(t => (Math.Round(t.Params.GetDouble("x"), 6), Math.Round(t.Params.GetDouble("y"), 6)))];
    }

    [Fact]
    public void Sigma0_takes_optunas_meaning_in_parameter_units()
    {
        // Optuna's sigma0 = 50 over ranges 100 and 200 is half the smallest range: the unit-cube step size 0.5.
        Assert.Equal(Asks(new CmaEsOptions { Seed = 3, Sigma0Unit = 0.5 }), Asks(new CmaEsOptions { Seed = 3, Sigma0 = 50 }));
        // The default equals Optuna's default sigma0 = smallest range / 6.
        Assert.Equal(Asks(new CmaEsOptions { Seed = 3 }), Asks(new CmaEsOptions { Seed = 3, Sigma0 = 100.0 / 6 }));
        Assert.NotEqual(Asks(new CmaEsOptions { Seed = 3 }), Asks(new CmaEsOptions { Seed = 3, Sigma0 = 50 }));
    }

    [Fact]
    public void X0_sets_the_initial_mean_and_a_bad_x0_names_the_parameter()
    {
        // With a tiny step size the first generation sits at x0 (trial 0 is random: it defines the search space).
        List<(double X, double Y)> asks = Asks(new CmaEsOptions { Seed = 3, Sigma0 = 0.01, X0 = new Dictionary<string, object?> { ["x"] = 80.0 } }, trials: 6);
        foreach ((double x, double y) in asks.Skip(1))
        {
            Assert.Equal(80.0, x, 0.5);
            Assert.Equal(100.0, y, 0.5);
        }

        var ex = Assert.Throws<ArgumentException>(() => Asks(new CmaEsOptions { Seed = 3, X0 = new Dictionary<string, object?> { ["x"] = 500.0 } }, trials: 3));
        Assert.Contains("CmaEsOptions.X0['x'] = 500", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Separable_cma_es_converges_on_an_axis_aligned_quadratic(int seed)
    {
        Study study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsOptions { Seed = seed, Separable = true }), Pruner = new NopPruner() });
        study.Optimize(Quadratic, nTrials: 400);
        Assert.True(study.BestValue < 1e-3, $"best {study.BestValue}");
        Study full = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsOptions { Seed = seed }), Pruner = new NopPruner() });
        full.Optimize(Quadratic, nTrials: 40);
        Assert.NotEqual(full.Trials.Select(t => t.Params.GetDouble("x0")), study.Trials.Take(40).Select(t => t.Params.GetDouble("x0")));
    }
}
