using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class ReproducibilityTests
{
    public static TheoryData<string> SamplerNames => new() { "random", "grid", "qmc", "lhs", "tpe", "tpe-multivariate-group", "tpe-liar", "cmaes", "nsga2" };

    private static ISampler Create(string name, long seed) => name switch
    {
        "random" => new RandomSampler(seed),
        "grid" => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [-1.0, 0.0, 1.0, 2.0], ["n"] = [1, 2, 3], ["kind"] = ["a", "b"], ["y"] = [0.5] }, seed),
        "qmc" => new QmcSampler(seed),
        "lhs" => new LatinHypercubeSampler(16, seed),
        "tpe" => new TpeSampler(seed),
        "tpe-multivariate-group" => new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true, Group = true }),
        "tpe-liar" => new TpeSampler(new TpeOptions { Seed = seed, ConstantLiar = true }),
        "cmaes" => new CmaEsSampler(seed),
        "nsga2" => new Nsga2Sampler(new Nsga2Options { Seed = seed, PopulationSize = 8 }),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    private static List<string> AskTellSequence(string sampler, long seed)
    {
        Study study = Study.Create(new StudyOptions { Sampler = Create(sampler, seed), Pruner = new NopPruner() });
        var asked = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            // Two trials in flight at a time, told in a fixed interleaved order.
            Trial a = study.Ask();
            Trial b = study.Ask();
            foreach (Trial t in new[] { a, b })
            {
                t.SuggestFloat("x", -1, 2);
                t.SuggestInt("n", 1, 3);
                if (t.SuggestCategorical("kind", ["a", "b"]) == "b")
                {
                    t.SuggestFloat("y", 0.5, 1.5);
                }

                asked.Add(string.Join("|", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
            }

            study.Tell(b, Math.Abs(b.SuggestFloat("x", -1, 2) - 0.3) + b.SuggestInt("n", 1, 3));
            study.Tell(a, Math.Abs(a.SuggestFloat("x", -1, 2) - 0.3) + a.SuggestInt("n", 1, 3));
        }

        return asked;
    }

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void Same_seed_and_same_tells_give_the_same_asks(string sampler)
    {
        List<string> first = AskTellSequence(sampler, 42);
        List<string> second = AskTellSequence(sampler, 42);
        Assert.Equal(first, second);
        if (sampler != "grid")
        {
            Assert.NotEqual(first, AskTellSequence(sampler, 43));
        }
    }

    [Fact]
    public void Study_seed_makes_the_default_sampler_reproducible()
    {
        static List<double> Run()
        {
            Study study = Study.Create(new StudyOptions { Seed = 5 });
            study.Optimize(t => Math.Pow(t.SuggestFloat("x", -3, 3), 2), nTrials: 30);
            return [.. study.Trials.Select(t => (double)t.Params["x"]!)];
        }

        Assert.Equal(Run(), Run());
    }
}
