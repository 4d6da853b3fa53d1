using System.Diagnostics;
using Wnn.Search;
using Wnn.Search.MultiObjective;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Benchmarks.Peers;

/// <summary>Runs our samplers on the peer problems with library defaults and a seed, as the Optuna script does.</summary>
public static class PeerRunner
{
    /// <summary>Sampler names shared with the Optuna script.</summary>
    public static IReadOnlyList<string> Samplers { get; } = ["tpe", "cmaes", "nsga2", "random"];

    /// <summary>The samplers that apply to a problem (CMA-ES is single-objective only).</summary>
    public static IEnumerable<string> SamplersFor(PeerProblem problem) => problem.IsMultiObjective ? Samplers.Where(s => s != "cmaes") : Samplers;

    /// <summary>True for a sampler name of ours that <see cref="CreateSampler"/> knows (base samplers and TPE variants).</summary>
    public static bool Knows(string name) => Samplers.Contains(name) || TpeVariants.ContainsKey(name);

    /// <summary>Our TPE settings compared with Optuna's TPE besides the default ("tpe"): name → options (seed set by the runner).</summary>
    public static IReadOnlyDictionary<string, TpeOptions> TpeVariants { get; } = new Dictionary<string, TpeOptions>
    {
        ["tpe-w1"] = new() { WidthWeighting = 1 },
        ["tpe-w0.5"] = new() { WidthWeighting = 0.5 },
    };

    /// <summary>A sampler with default options and a seed.</summary>
    public static ISampler CreateSampler(string name, long seed) => name switch
    {
        "tpe" => new TpeSampler(seed),
        _ when TpeVariants.TryGetValue(name, out TpeOptions? options) => new TpeSampler(options with { Seed = seed }),
        "cmaes" => new CmaEsSampler(seed),
        "nsga2" => new Nsga2Sampler(seed),
        "random" => new RandomSampler(seed),
        _ => throw new ArgumentException($"Unknown sampler '{name}'; known: {string.Join(", ", Samplers)}.", nameof(name)),
    };

    /// <summary>Runs one problem with one sampler and seed for the problem's budget.</summary>
    public static PeerResult Run(PeerProblem problem, string sampler, int seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var study = Study.Create(new StudyOptions
        {
            Name = $"{problem.Name}-{sampler}-{seed}",
            Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, problem.Objectives)],
            Sampler = CreateSampler(sampler, seed),
            Pruner = new NopPruner(),
        });
        // Noisy problems: the sampler sees f + N(0, noise²) from this side's own generator seeded by the run's seed; the score is
        // the noise-free f of the trial whose noisy value was best (as optuna_bench.py does with its own generator).
        var noise = new Random(unchecked((seed * 1_000_003) + 17));
        var truth = new Dictionary<int, double>();
        var clock = Stopwatch.StartNew();
        double[] Objective(Trial trial) => problem.Evaluate(PeerParameter.SuggestAll(trial, problem.Parameters));

        if (problem.IsMultiObjective)
        {
            study.OptimizeMultiObjective(Objective, problem.Budget);
        }
        else
        {
            study.Optimize(
                t =>
                {
                    double f = Objective(t)[0];
                    truth[t.Number] = f;
                    return problem.Noise > 0 ? f + (problem.Noise * Gaussian(noise)) : f;
                },
                problem.Budget);
        }

        clock.Stop();
        double value = problem.IsMultiObjective
            ? ParetoFront.Hypervolume([.. study.GetTrials(TrialState.Complete).Select(t => t.Values!.ToArray())], problem.Reference!, study.Directions)
            : truth[study.BestTrial.Number];
        return new PeerResult("wnn", problem.Name, sampler, seed, study.Trials.Count, problem.IsMultiObjective ? "hypervolume" : "best", value, clock.Elapsed.TotalSeconds);
    }

    private static double Gaussian(Random random)
    {
        double u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
