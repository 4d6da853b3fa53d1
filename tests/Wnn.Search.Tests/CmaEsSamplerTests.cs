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
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { PopulationSize = 1 }));
    }
}
