namespace Wnn.Search.Samplers;

/// <summary>
/// CMA-ES over the numeric parameters (the intersection search space of finished trials), in the unit cube of their
/// distributions, with IPOP restarts. Integers and stepped floats are rounded (with a variance floor, see
/// <see cref="CmaEsOptions.WithMargin"/>); categorical parameters and parameters outside the space are sampled at random.
/// Single objective only; infeasible trials rank after feasible ones. The distribution is rebuilt from stored trials
/// (generation tags), so processes sharing a study and using the same seed agree on it.
/// </summary>
public sealed class CmaEsSampler : ISampler
{
    /// <summary>System attribute: the CMA-ES run (restart) index of a trial.</summary>
    public const string RunAttribute = "cma:run";

    /// <summary>System attribute: the generation of a trial within its run.</summary>
    public const string GenerationAttribute = "cma:generation";

    /// <summary>System attribute: a fingerprint of the search space the trial was sampled in.</summary>
    public const string SpaceAttribute = "cma:space";

    private static readonly TrialState[] FinishedStates = [TrialState.Complete, TrialState.Pruned];
    private readonly CmaEsOptions _options;
    private readonly SearchRandom _random;
    private readonly RandomSampler _independent;
    private string? _spaceKey;
    private int _run;
    private CmaEsState? _state;
    private string[] _names = [];

    /// <summary>Creates a CMA-ES sampler.</summary>
    public CmaEsSampler(CmaEsOptions? options = null)
    {
        _options = options ?? new CmaEsOptions();
        if (!(_options.Sigma0Unit > 0) || _options.Sigma0Unit > 1)
        {
            throw new ArgumentException($"CmaEsOptions.Sigma0Unit (unit-cube step size) must be in (0, 1], got {_options.Sigma0Unit}; for Optuna's sigma0 in parameter units set Sigma0.", nameof(options));
        }

        if (_options.Sigma0 is double sigma0 && !(sigma0 > 0 && double.IsFinite(sigma0)))
        {
            throw new ArgumentException($"CmaEsOptions.Sigma0 (Optuna's sigma0, in parameter units) must be positive, got {sigma0}.", nameof(options));
        }

        if (_options.Sigma0 is not null && _options.Sigma0Unit != 1.0 / 6)
        {
            throw new ArgumentException("CmaEsOptions: set Sigma0 (parameter units) or Sigma0Unit (unit cube), not both.", nameof(options));
        }

        if (_options.PopulationSize is int p && p < 2)
        {
            throw new ArgumentException($"CmaEsOptions.PopulationSize must be at least 2, got {p}.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(_options.IncreasePopulationFactor, 1);
        _random = new SearchRandom(_options.Seed);
        _independent = new RandomSampler(_options.Seed is long s ? s ^ 0xC3A : null);
    }

    /// <summary>Creates a CMA-ES sampler with default options and a seed.</summary>
    public CmaEsSampler(long? seed)
        : this(new CmaEsOptions { Seed = seed })
    {
    }

    /// <summary>The current population size (grows with IPOP restarts).</summary>
    public int CurrentPopulationSize => _state?.PopulationSize ?? 0;

    /// <summary>Number of restarts so far.</summary>
    public int Restarts => _run;

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.IsMultiObjective)
        {
            throw new InvalidOperationException("CmaEsSampler supports a single objective only; use NSGA-II or TPE for several objectives.");
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        return SearchSpaces.Intersection(study.GetTrials(FinishedStates))
            .Where(kv => kv.Value is not CategoricalDistribution)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var result = new Dictionary<string, double>();
        IReadOnlyList<FrozenTrial> finished = study.GetTrials(FinishedStates);
        if (searchSpace.Count == 0 || finished.Count < _options.NStartupTrials)
        {
            return result;
        }

        string key = string.Join(";", searchSpace.Select(kv => $"{kv.Key}={kv.Value.Describe()}"));
        if (key != _spaceKey)
        {
            _spaceKey = key;
            _names = [.. searchSpace.Keys];
            _run = 0;
            _state = NewState(searchSpace, _options.PopulationSize ?? DefaultPopulation(searchSpace.Count), 0);
        }

        CatchUp(study, searchSpace);
        double[] x = _state!.Sample(_random);
        study.Storage.SetTrialSystemAttribute(trial.Id, RunAttribute, _run);
        study.Storage.SetTrialSystemAttribute(trial.Id, GenerationAttribute, _state.Generation);
        study.Storage.SetTrialSystemAttribute(trial.Id, SpaceAttribute, _spaceKey);
        for (int i = 0; i < _names.Length; i++)
        {
            result[_names[i]] = searchSpace[_names[i]].FromUnit(x[i]);
        }

        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution) => _independent.Sample(distribution);

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    private static int DefaultPopulation(int n) => 4 + (int)Math.Floor(3 * Math.Log(n));

    private CmaEsState NewState(IReadOnlyDictionary<string, ParameterDistribution> space, int popSize, int run)
    {
        double[] mean = new double[space.Count];
        if (run == 0)
        {
            Array.Fill(mean, 0.5);
            int p = 0;
            foreach (KeyValuePair<string, ParameterDistribution> kv in space)
            {
                if (_options.X0 is not null && _options.X0.TryGetValue(kv.Key, out object? x0))
                {
                    try
                    {
                        mean[p] = kv.Value.ToUnit(kv.Value.ToInternal(x0));
                    }
                    catch (ArgumentException ex)
                    {
                        throw new ArgumentException($"CmaEsOptions.X0['{kv.Key}'] = {x0}: {ex.Message}", nameof(space), ex);
                    }
                }

                p++;
            }
        }
        else
        {
            SearchRandom restartRandom = SearchRandom.Derive(_options.Seed, $"cma-restart-{run}");
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] = restartRandom.NextDouble();
            }
        }

        double[] minStd = new double[space.Count];
        if (_options.WithMargin)
        {
            int i = 0;
            foreach (ParameterDistribution d in space.Values)
            {
                int cells = d switch
                {
                    IntDistribution { Log: false } id => id.Count,
                    FloatDistribution { Step: double s } f => (int)Math.Round((f.High - f.Low) / s) + 1,
                    _ => 0,
                };
                if (cells > 0)
                {
                    // P(leaving the current cell) >= alpha = 1 / (n * lambda), for a mean at the cell centre.
                    double alpha = 1.0 / (space.Count * popSize);
                    minStd[i] = 0.5 / cells / InverseUpperTail(alpha / 2);
                }

                i++;
            }
        }

        double sigma = _options.Sigma0 is double s0 ? Math.Min(1.0, s0 / space.Values.Min(UnitRange)) : _options.Sigma0Unit;
        return new CmaEsState(mean, sigma, popSize, minStd, _options.Separable);
    }

    /// <summary>The length in parameter units (log units for log domains, cells × step for discrete ones) that the unit interval spans.</summary>
    private static double UnitRange(ParameterDistribution d) => d switch
    {
        FloatDistribution { Step: double s } f => (Math.Round((f.High - f.Low) / s) + 1) * s,
        FloatDistribution { Log: true } f => Math.Log(f.High) - Math.Log(f.Low),
        FloatDistribution f => f.High - f.Low,
        IntDistribution { Log: true } i => Math.Log(i.High) - Math.Log(i.Low),
        IntDistribution i => i.Count * (double)i.Step,
        _ => 1,
    };

    private static double InverseUpperTail(double p)
    {
        double lo = 0, hi = 40;
        for (int i = 0; i < 100; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (1 - NormalMath.Cdf(mid) > p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    private void CatchUp(Study study, IReadOnlyDictionary<string, ParameterDistribution> space)
    {
        double sign = study.Direction == StudyDirection.Minimize ? 1 : -1;
        while (true)
        {
            CmaEsState state = _state!;
            var generation = new List<FrozenTrial>();
            foreach (FrozenTrial t in study.GetTrials(TrialState.Complete))
            {
                if (IsTagged(t, _run, state.Generation) && t.Values is not null
                    && t.SystemAttributes.TryGetValue(SpaceAttribute, out object? tag) && (tag as string) == _spaceKey
                    && _names.All(n => t.InternalParams.ContainsKey(n)))
                {
                    generation.Add(t);
                }
            }

            if (generation.Count < state.PopulationSize)
            {
                return;
            }

            var solutions = generation.OrderBy(t => t.Number).Take(state.PopulationSize).Select(t =>
            {
                double[] x = new double[_names.Length];
                for (int i = 0; i < _names.Length; i++)
                {
                    x[i] = space[_names[i]].ToUnit(t.InternalParams[_names[i]]);
                }

                // Feasible trials rank by value; infeasible ones after all of them, by total violation.
                double fitness = t.IsFeasible ? sign * t.Values![0] : 1e300 * (1 + Math.Min(1, t.ConstraintViolation));
                return (x, fitness);
            }).ToList();
            state.Tell(solutions);
            if (_options.IpopRestarts && state.ShouldStop())
            {
                _run++;
                _state = NewState(space, state.PopulationSize * _options.IncreasePopulationFactor, _run);
            }
        }
    }

    private static bool IsTagged(FrozenTrial t, int run, int generation) =>
        t.SystemAttributes.TryGetValue(RunAttribute, out object? r) && r is not null && Convert.ToInt32(r, System.Globalization.CultureInfo.InvariantCulture) == run
        && t.SystemAttributes.TryGetValue(GenerationAttribute, out object? g) && g is not null && Convert.ToInt32(g, System.Globalization.CultureInfo.InvariantCulture) == generation;
}
