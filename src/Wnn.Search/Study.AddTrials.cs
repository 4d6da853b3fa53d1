namespace Wnn.Search;

/// <summary>Warm starts (trials evaluated elsewhere) and study-level user attributes.</summary>
public sealed partial class Study
{
    /// <summary>The study-level user attributes (stored with the study, shared by every worker).</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes => Storage.GetStudyUserAttributes(Id);

    /// <summary>Sets a study-level user attribute (a JSON-serializable value).</summary>
    public void SetUserAttribute(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Storage.SetStudyUserAttribute(Id, key, value);
    }

    /// <summary>
    /// Adds a finished trial evaluated elsewhere (a warm start): user-facing parameter values with their distributions, the state
    /// (Complete needs one finite value per objective; Pruned and Failed may have none) and optional user attributes and intermediate values.
    /// Nothing is stored when any part does not fit; the sampler sees the trial on its next ask.
    /// </summary>
    public FrozenTrial AddTrial(
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, ParameterDistribution> distributions,
        IReadOnlyList<double>? values,
        TrialState state = TrialState.Complete,
        IReadOnlyDictionary<string, object?>? userAttributes = null,
        IReadOnlyDictionary<int, double>? intermediateValues = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(distributions);
        var internals = new Dictionary<string, double>();
        foreach (KeyValuePair<string, object?> p in parameters)
        {
            if (!distributions.TryGetValue(p.Key, out ParameterDistribution? d))
            {
                throw new ArgumentException($"AddTrial: parameter '{p.Key}' has no distribution; give one for each parameter.", nameof(distributions));
            }

            try
            {
                internals[p.Key] = d.ToInternal(p.Value);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"AddTrial: parameter '{p.Key}': {ex.Message}", nameof(parameters), ex);
            }
        }

        if (distributions.Keys.FirstOrDefault(k => !parameters.ContainsKey(k)) is string missing)
        {
            throw new ArgumentException($"AddTrial: distribution '{missing}' has no parameter value.", nameof(parameters));
        }

        return AddFinished(new FrozenTrial
        {
            Id = -1,
            Number = -1,
            State = state,
            Values = values,
            InternalParams = internals,
            Distributions = distributions,
            UserAttributes = userAttributes ?? new Dictionary<string, object?>(),
            IntermediateValues = intermediateValues ?? new Dictionary<int, double>(),
        });
    }

    /// <summary>
    /// Copies finished trials (from another study or storage) into this one, in order: parameters, values, state, user attributes,
    /// intermediate values and constraints; system attributes are not copied. All are checked before any is stored.
    /// </summary>
    public IReadOnlyList<FrozenTrial> AddTrials(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        List<FrozenTrial> list = [.. trials];
        foreach (FrozenTrial t in list)
        {
            Validate(t);
        }

        return [.. list.Select(AddFinished)];
    }

    private void Validate(FrozenTrial t)
    {
        ArgumentNullException.ThrowIfNull(t);
        string which = t.Number >= 0 ? $"trial {t.Number}" : "the trial";
        if (!t.IsFinished)
        {
            throw new ArgumentException($"AddTrial: {which} is {t.State}; only Complete, Pruned or Failed trials can be added (enqueue the parameters instead).", nameof(t));
        }

        if (t.State == TrialState.Complete && (t.Values is null || t.Values.Count != Directions.Count || t.Values.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException(
                $"AddTrial: {which} is Complete but has values [{string.Join(", ", t.Values ?? [])}]; it needs {Directions.Count} finite value(s).", nameof(t));
        }

        if (t.State != TrialState.Complete && t.Values is not null && t.Values.Count != Directions.Count)
        {
            throw new ArgumentException($"AddTrial: {which} has {t.Values.Count} value(s); the study has {Directions.Count} objective(s).", nameof(t));
        }

        foreach (KeyValuePair<string, double> p in t.InternalParams)
        {
            if (!t.Distributions.TryGetValue(p.Key, out ParameterDistribution? d) || !d.Contains(p.Value))
            {
                throw new ArgumentException($"AddTrial: {which}: parameter '{p.Key}' = {p.Value} is not inside its distribution.", nameof(t));
            }
        }
    }

    private FrozenTrial AddFinished(FrozenTrial source)
    {
        Validate(source);
        FrozenTrial created = Storage.CreateTrial(Id, TrialState.Running, null, source.UserAttributes);
        foreach (KeyValuePair<string, double> p in source.InternalParams)
        {
            Storage.SetTrialParameter(created.Id, p.Key, p.Value, source.Distributions[p.Key]);
        }

        foreach (KeyValuePair<int, double> iv in source.IntermediateValues.OrderBy(kv => kv.Key))
        {
            Storage.SetTrialIntermediateValue(created.Id, iv.Key, iv.Value);
        }

        if (source.Constraints is { } constraints)
        {
            Storage.SetTrialConstraints(created.Id, constraints);
        }

        Storage.FinishTrial(created.Id, source.State, source.Values);
        return Storage.GetTrial(created.Id);
    }
}
