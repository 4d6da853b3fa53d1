namespace Wnn.Search.Samplers;

/// <summary>
/// Evaluates every combination of the listed values once, in a seeded random order, preferring combinations no other
/// worker holds; <see cref="IsExhausted"/> turns true once every combination was taken, which stops Optimize.
/// Suggesting a parameter that is not in the grid throws.
/// </summary>
public sealed class GridSampler : IFiniteSampler
{
    /// <summary>System attribute holding the grid index of a trial.</summary>
    public const string GridIdAttribute = "grid:id";

    private static readonly Dictionary<string, ParameterDistribution> EmptySpace = [];
    private static readonly Dictionary<string, double> EmptyValues = [];
    private readonly string[] _names;
    private readonly IReadOnlyList<object?>[] _values;
    private readonly SearchRandom _random;

    /// <summary>Creates a grid over the listed values of each parameter; every list must be non-empty.</summary>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            throw new ArgumentException("GridSampler: the search space must list at least one parameter.", nameof(searchSpace));
        }

        _names = [.. searchSpace.Keys.Order(StringComparer.Ordinal)];
        _values = [.. _names.Select(n => searchSpace[n])];
        long size = 1;
        for (int i = 0; i < _names.Length; i++)
        {
            if (_values[i] is null || _values[i].Count == 0)
            {
                throw new ArgumentException($"GridSampler: parameter '{_names[i]}' lists no values; allowed: one or more values.", nameof(searchSpace));
            }

            size = checked(size * _values[i].Count);
        }

        if (size > int.MaxValue)
        {
            throw new ArgumentException($"GridSampler: the grid has {size} points; at most {int.MaxValue} are supported.", nameof(searchSpace));
        }

        GridSize = (int)size;
        _random = new SearchRandom(seed);
    }

    /// <summary>Number of combinations.</summary>
    public int GridSize { get; }

    /// <summary>The parameter values of one grid index.</summary>
    public IReadOnlyDictionary<string, object?> GetCombination(int gridId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gridId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(gridId, GridSize);
        var result = new Dictionary<string, object?>();
        for (int i = _names.Length - 1; i >= 0; i--)
        {
            result[_names[i]] = _values[i][gridId % _values[i].Count];
            gridId /= _values[i].Count;
        }

        return result;
    }

    /// <inheritdoc />
    public bool IsExhausted(Study study) => TakenIds(study, includeRunning: true).Count >= GridSize;

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.SystemAttributes.ContainsKey(GridIdAttribute))
        {
            return;
        }

        HashSet<int> taken = TakenIds(study, includeRunning: true);
        List<int> candidates = [.. Enumerable.Range(0, GridSize).Where(i => !taken.Contains(i))];
        if (candidates.Count == 0)
        {
            HashSet<int> finished = TakenIds(study, includeRunning: false);
            candidates = [.. Enumerable.Range(0, GridSize).Where(i => !finished.Contains(i))];
        }

        int id = candidates.Count == 0 ? _random.NextInt(GridSize) : candidates[_random.NextInt(candidates.Count)];
        study.Storage.SetTrialSystemAttribute(trial.Id, GridIdAttribute, id);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => EmptySpace;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) => EmptyValues;

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        int index = Array.IndexOf(_names, name);
        if (index < 0)
        {
            throw new ArgumentException($"GridSampler: parameter '{name}' is not in the grid; grid parameters: {string.Join(", ", _names)}.", nameof(name));
        }

        int gridId = Convert.ToInt32(trial.SystemAttributes[GridIdAttribute], System.Globalization.CultureInfo.InvariantCulture);
        object? value = GetCombination(gridId)[name];
        try
        {
            return distribution.ToInternal(value);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"GridSampler: grid value '{value}' of parameter '{name}' is outside {distribution.Describe()}.", nameof(distribution), ex);
        }
    }

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    private static HashSet<int> TakenIds(Study study, bool includeRunning)
    {
        var ids = new HashSet<int>();
        foreach (FrozenTrial t in study.Trials)
        {
            if ((t.IsFinished || (includeRunning && t.State == TrialState.Running))
                && t.SystemAttributes.TryGetValue(GridIdAttribute, out object? id) && id is not null)
            {
                ids.Add(Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return ids;
    }
}
