namespace Wnn.Search;

/// <summary>A running trial: the objective suggests parameters through it (define-by-run), reports intermediate values and asks whether to prune.</summary>
public sealed class Trial
{
    private readonly IReadOnlyDictionary<string, double> _relative;
    private readonly IReadOnlyDictionary<string, ParameterDistribution> _relativeSpace;
    private readonly IReadOnlyDictionary<string, object?>? _fixed;
    private readonly Dictionary<string, double> _params = [];
    private readonly Dictionary<string, ParameterDistribution> _distributions = [];

    internal Trial(Study study, FrozenTrial frozen, IReadOnlyDictionary<string, double> relative, IReadOnlyDictionary<string, ParameterDistribution> relativeSpace)
    {
        Study = study;
        Id = frozen.Id;
        Number = frozen.Number;
        _relative = relative;
        _relativeSpace = relativeSpace;
        _fixed = frozen.SystemAttributes.TryGetValue(StorageAttributes.FixedParams, out object? f) ? f as IReadOnlyDictionary<string, object?> : null;
        foreach (KeyValuePair<string, double> p in frozen.InternalParams)
        {
            _params[p.Key] = p.Value;
            _distributions[p.Key] = frozen.Distributions[p.Key];
        }
    }

    /// <summary>The study this trial belongs to.</summary>
    public Study Study { get; }

    /// <summary>Storage id.</summary>
    public long Id { get; }

    /// <summary>0-based number within the study.</summary>
    public int Number { get; }

    /// <summary>The user-facing values suggested so far.</summary>
    public IReadOnlyDictionary<string, object?> Params => _params.ToDictionary(p => p.Key, p => _distributions[p.Key].ToExternal(p.Value));

    /// <summary>The distributions suggested so far.</summary>
    public IReadOnlyDictionary<string, ParameterDistribution> Distributions => _distributions;

    /// <summary>Suggests a real value in [low, high] (log-uniform when log is set; on a grid when step is set).</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        (double)Suggest(name, new FloatDistribution(low, high, log, step))!;

    /// <summary>Suggests an integer in [low, high] (log-uniform when log is set; multiples of step above low).</summary>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1) =>
        (int)Suggest(name, new IntDistribution(low, high, log, step))!;

    /// <summary>Suggests one of the choices.</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return (T)Suggest(name, new CategoricalDistribution(choices.Select(c => (object?)c)))!;
    }

    /// <summary>
    /// Suggests a value from any distribution. Suggesting a name again with the same distribution returns the same value;
    /// with a different distribution it throws <see cref="ArgumentException"/>.
    /// </summary>
    public object? Suggest(string name, ParameterDistribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (_distributions.TryGetValue(name, out ParameterDistribution? existing))
        {
            return existing.Equals(distribution)
                ? existing.ToExternal(_params[name])
                : throw new ArgumentException(
                    $"Parameter '{name}' was already suggested in trial {Number} with {existing.Describe()}; it cannot be suggested again with {distribution.Describe()} (a name must keep one distribution within a trial).",
                    nameof(distribution));
        }

        double value;
        if (_fixed is not null && _fixed.TryGetValue(name, out object? fixedValue))
        {
            try
            {
                value = distribution.ToInternal(fixedValue);
            }
            catch (ArgumentException ex)
            {
                string reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
                throw new EnqueuedValueException(name, fixedValue, reason, ex);
            }
        }
        else if (distribution.IsSingle)
        {
            value = distribution.FromUnit(0.5);
        }
        else if (_relative.TryGetValue(name, out double relative) && _relativeSpace.TryGetValue(name, out ParameterDistribution? space)
            && space.Equals(distribution) && distribution.Contains(relative))
        {
            value = relative;
        }
        else
        {
            value = Study.SampleIndependent(Study.Storage.GetTrial(Id), name, distribution);
        }

        Study.Storage.SetTrialParameter(Id, name, value, distribution);
        _params[name] = value;
        _distributions[name] = distribution;
        return distribution.ToExternal(value);
    }

    /// <summary>Reports an intermediate objective value at a step (single objective only; a repeated step is ignored).</summary>
    public void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (Study.IsMultiObjective)
        {
            throw new InvalidOperationException("Report is not supported for multi-objective studies.");
        }

        Study.Storage.SetTrialIntermediateValue(Id, step, value);
    }

    /// <summary>Asks the study's pruner whether this trial should stop now (single objective only).</summary>
    public bool ShouldPrune()
    {
        if (Study.IsMultiObjective)
        {
            throw new InvalidOperationException("ShouldPrune is not supported for multi-objective studies.");
        }

        return Study.Pruner.Prune(Study, Study.Storage.GetTrial(Id));
    }

    /// <summary>Sets a user attribute (JSON-serializable values).</summary>
    public void SetUserAttribute(string key, object? value) => Study.Storage.SetTrialUserAttribute(Id, key, value);

    /// <summary>Sets constraint values; the trial is feasible when every value is &lt;= 0.</summary>
    public void SetConstraints(params double[] constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        Study.Storage.SetTrialConstraints(Id, constraints);
    }

    /// <summary>Records that this trial's worker is alive.</summary>
    public void Heartbeat() => Study.Storage.RecordHeartbeat(Id);

    /// <summary>The stored snapshot of this trial.</summary>
    public FrozenTrial Snapshot() => Study.Storage.GetTrial(Id);
}
