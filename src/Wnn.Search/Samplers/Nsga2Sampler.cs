using System.Globalization;
using Wnn.Search.MultiObjective;

namespace Wnn.Search.Samplers;

/// <summary>
/// NSGA-II. Generation 0 is random; each later generation breeds from the parent population elected from the previous
/// parents and the previous generation's complete trials by (constrained) non-dominated rank and crowding distance:
/// binary tournaments, uniform or SBX crossover, and mutation by random resampling. Constraint handling uses constrained
/// domination (feasible beats infeasible; smaller total violation beats larger). Works for one or several objectives.
/// </summary>
public sealed class Nsga2Sampler : ISampler
{
    /// <summary>System attribute: the generation of a trial.</summary>
    public const string GenerationAttribute = "nsga2:generation";

    private static readonly TrialState[] FinishedStates = [TrialState.Complete, TrialState.Pruned];
    private readonly Nsga2Options _options;
    private readonly SearchRandom _random;
    private readonly RandomSampler _independent;
    private readonly Dictionary<int, Population> _populations = [];

    /// <summary>Creates an NSGA-II sampler.</summary>
    public Nsga2Sampler(Nsga2Options? options = null)
    {
        _options = options ?? new Nsga2Options();
        if (_options.PopulationSize < 2)
        {
            throw new ArgumentException($"Nsga2Options.PopulationSize must be at least 2, got {_options.PopulationSize}.", nameof(options));
        }

        CheckProbability(_options.CrossoverProbability, nameof(Nsga2Options.CrossoverProbability));
        CheckProbability(_options.SwappingProbability, nameof(Nsga2Options.SwappingProbability));
        if (_options.MutationProbability is double m)
        {
            CheckProbability(m, nameof(Nsga2Options.MutationProbability));
        }

        if (!(_options.SbxEta > 0))
        {
            throw new ArgumentException($"Nsga2Options.SbxEta must be positive, got {_options.SbxEta}.", nameof(options));
        }

        _random = new SearchRandom(_options.Seed);
        _independent = new RandomSampler(_options.Seed is long s ? s ^ 0x5A5A : null);
    }

    /// <summary>Creates an NSGA-II sampler with default options and a seed.</summary>
    public Nsga2Sampler(long? seed)
        : this(new Nsga2Options { Seed = seed })
    {
    }

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        IReadOnlyList<FrozenTrial> all = study.Trials;
        int maxGen = 0;
        foreach (FrozenTrial t in all)
        {
            if (GenerationOf(t) is int g)
            {
                maxGen = Math.Max(maxGen, g);
            }
        }

        int complete = all.Count(t => t.State == TrialState.Complete && GenerationOf(t) == maxGen);
        int generation = complete >= _options.PopulationSize ? maxGen + 1 : maxGen;
        study.Storage.SetTrialSystemAttribute(trial.Id, GenerationAttribute, generation);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        return SearchSpaces.Intersection(study.GetTrials(FinishedStates));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var child = new Dictionary<string, double>();
        if (GenerationOf(trial) is not int generation || generation == 0 || searchSpace.Count == 0)
        {
            return child;
        }

        Population parents = GetPopulation(study, generation);
        if (parents.Trials.Count < 2)
        {
            return child;
        }

        FrozenTrial p1 = Tournament(parents);
        FrozenTrial p2 = Tournament(parents);
        bool cross = _random.NextDouble() < _options.CrossoverProbability;
        foreach (KeyValuePair<string, ParameterDistribution> kv in searchSpace)
        {
            if (!p1.InternalParams.TryGetValue(kv.Key, out double v1) || !p2.InternalParams.TryGetValue(kv.Key, out double v2))
            {
                continue;
            }

            double value = v1;
            if (cross)
            {
                value = _options.Crossover == Nsga2Crossover.SimulatedBinary && kv.Value is not CategoricalDistribution
                    ? kv.Value.FromUnit(Sbx(kv.Value.ToUnit(v1), kv.Value.ToUnit(v2)))
                    : _random.NextDouble() < _options.SwappingProbability ? v2 : v1;
            }

            child[kv.Key] = value;
        }

        // Mutation: leave the parameter out so that it is sampled independently (at random).
        double mutation = _options.MutationProbability ?? (1.0 / Math.Max(1, searchSpace.Count));
        foreach (string name in searchSpace.Keys)
        {
            if (_random.NextDouble() < mutation)
            {
                child.Remove(name);
            }
        }

        return child;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution) => _independent.Sample(distribution);

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    private static int? GenerationOf(FrozenTrial t) =>
        t.SystemAttributes.TryGetValue(GenerationAttribute, out object? g) && g is not null ? Convert.ToInt32(g, CultureInfo.InvariantCulture) : null;

    private static void CheckProbability(double p, string name)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentException($"Nsga2Options.{name} must be in [0, 1], got {p}.", name);
        }
    }

    private Population GetPopulation(Study study, int generation)
    {
        if (_populations.TryGetValue(generation, out Population? cached))
        {
            return cached;
        }

        Population previous = generation <= 1 ? new Population([], [], []) : GetPopulation(study, generation - 1);
        List<FrozenTrial> candidates = [.. previous.Trials];
        candidates.AddRange(study.GetTrials(TrialState.Complete).Where(t => GenerationOf(t) == generation - 1 && t.Values is not null));
        Population elected = Elect(study.Directions, candidates, _options.PopulationSize);
        _populations[generation] = elected;
        return elected;
    }

    private static Population Elect(IReadOnlyList<StudyDirection> directions, List<FrozenTrial> candidates, int size)
    {
        int[] ranks = ConstrainedRanks(directions, candidates);
        var chosen = new List<int>();
        var chosenRanks = new List<int>();
        var chosenCrowding = new List<double>();
        foreach (IGrouping<int, int> front in Enumerable.Range(0, candidates.Count).GroupBy(i => ranks[i]).OrderBy(g => g.Key))
        {
            int[] members = [.. front.OrderBy(i => candidates[i].Number)];
            double[] crowding = ParetoFront.CrowdingDistances([.. members.Select(i => candidates[i].Values!.Select((v, k) => directions[k] == StudyDirection.Minimize ? v : -v).ToArray())]);
            int[] order = [.. Enumerable.Range(0, members.Length).OrderByDescending(j => crowding[j]).ThenBy(j => candidates[members[j]].Number)];
            foreach (int j in order)
            {
                if (chosen.Count >= size)
                {
                    break;
                }

                chosen.Add(members[j]);
                chosenRanks.Add(front.Key);
                chosenCrowding.Add(crowding[j]);
            }

            if (chosen.Count >= size)
            {
                break;
            }
        }

        return new Population([.. chosen.Select(i => candidates[i])], [.. chosenRanks], [.. chosenCrowding]);
    }

    private static int[] ConstrainedRanks(IReadOnlyList<StudyDirection> directions, List<FrozenTrial> trials)
    {
        int n = trials.Count;
        int[] rank = new int[n];
        var remaining = new HashSet<int>(Enumerable.Range(0, n));
        int r = 0;
        while (remaining.Count > 0)
        {
            List<int> front = [.. remaining.Where(i => !remaining.Any(j => j != i && ConstrainedDominates(directions, trials[j], trials[i])))];
            foreach (int i in front)
            {
                rank[i] = r;
                remaining.Remove(i);
            }

            r++;
        }

        return rank;
    }

    private static bool ConstrainedDominates(IReadOnlyList<StudyDirection> directions, FrozenTrial a, FrozenTrial b)
    {
        bool fa = a.IsFeasible, fb = b.IsFeasible;
        if (fa != fb)
        {
            return fa;
        }

        return !fa ? a.ConstraintViolation < b.ConstraintViolation : ParetoFront.Dominates(a.Values!, b.Values!, directions);
    }

    private FrozenTrial Tournament(Population p)
    {
        int a = _random.NextInt(p.Trials.Count);
        int b = _random.NextInt(p.Trials.Count);
        bool aBetter = p.Ranks[a] < p.Ranks[b] || (p.Ranks[a] == p.Ranks[b] && p.Crowding[a] >= p.Crowding[b]);
        return p.Trials[aBetter ? a : b];
    }

    private double Sbx(double x1, double x2)
    {
        if (Math.Abs(x1 - x2) < 1e-14)
        {
            return x1;
        }

        double u = _random.NextDouble();
        double eta = _options.SbxEta;
        double beta = u <= 0.5 ? Math.Pow(2 * u, 1 / (eta + 1)) : Math.Pow(1 / (2 * (1 - u)), 1 / (eta + 1));
        double c1 = 0.5 * ((1 + beta) * x1 + (1 - beta) * x2);
        double c2 = 0.5 * ((1 - beta) * x1 + (1 + beta) * x2);
        return Math.Clamp(_random.NextDouble() < 0.5 ? c1 : c2, 0, 1);
    }

    private sealed record Population(List<FrozenTrial> Trials, int[] Ranks, double[] Crowding);
}
