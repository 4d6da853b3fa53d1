using Wnn.Search.MultiObjective;

namespace Wnn.Search.Samplers;

/// <summary>
/// Tree-structured Parzen Estimator. Past trials are split into a good fraction (gamma) and the rest; two Parzen
/// estimators l(x) and g(x) are fitted and the best of <see cref="TpeOptions.NEiCandidates"/> draws from l by l/g wins.
/// Univariate by default; multivariate and grouped (conditional) modes, constant liar for running trials, constraints
/// (infeasible trials rank after feasible ones by total violation) and several objectives (non-dominated rank, then
/// crowding distance) are supported. Random sampling for the first <see cref="TpeOptions.NStartupTrials"/> trials.
/// </summary>
public sealed partial class TpeSampler : ISampler
{
    private static readonly Dictionary<string, ParameterDistribution> EmptySpace = [];
    private static readonly TrialState[] FinishedStates = [TrialState.Complete, TrialState.Pruned];
    private static readonly TrialState[] LiarStates = [TrialState.Complete, TrialState.Pruned, TrialState.Running];
    private readonly TpeOptions _options;
    private readonly SearchRandom _random;
    private readonly RandomSampler _startup;
    private readonly Dictionary<long, int> _denseIndex = [];
    private readonly List<int> _denseNumber = [];
    private readonly Dictionary<(string Name, ParameterDistribution Distribution, bool Below), NumericKernelCache> _kernelCaches = [];
    private readonly Dictionary<int, (double[] LogWeights, double[] Cumulative)> _defaultMixtureWeights = [];
    private readonly Dictionary<string, List<(ParameterDistribution Dist, List<double> Values)>> _columns = [];
    private Split? _split;

    /// <summary>Creates a TPE sampler with the given options (defaults: Optuna's).</summary>
    public TpeSampler(TpeOptions? options = null)
    {
        _options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.NStartupTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.NEiCandidates, 1);
        if (_options.Group && !_options.Multivariate)
        {
            throw new ArgumentException("TpeOptions.Group requires Multivariate = true.", nameof(options));
        }

        if (!(_options.PriorWeight > 0))
        {
            throw new ArgumentException($"TpeOptions.PriorWeight must be positive, got {_options.PriorWeight}.", nameof(options));
        }

        if (!(_options.WidthWeighting >= 0 && _options.WidthWeighting <= 1))
        {
            throw new ArgumentException($"TpeOptions.WidthWeighting must be in [0, 1] (0: true density, 1: Optuna 3.1's), got {_options.WidthWeighting}.", nameof(options));
        }

        _random = new SearchRandom(_options.Seed);
        _startup = new RandomSampler(_options.Seed is long s ? s ^ 0x7E57 : null);
    }

    /// <summary>Creates a TPE sampler with default options and a seed.</summary>
    public TpeSampler(long? seed)
        : this(new TpeOptions { Seed = seed })
    {
    }

    /// <summary>Keep univariate kernels between asks (default); false refits every estimator from scratch (the reference the tests compare with).</summary>
    internal bool KeepKernels { get; init; } = true;

    /// <summary>The options this sampler runs with.</summary>
    public TpeOptions Options => _options;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!_options.Multivariate)
        {
            return EmptySpace;
        }

        IReadOnlyList<FrozenTrial> finished = study.GetTrials(FinishedStates);
        if (!_options.Group)
        {
            return SearchSpaces.Intersection(finished);
        }

        var union = new Dictionary<string, ParameterDistribution>();
        foreach (IReadOnlyDictionary<string, ParameterDistribution> g in SearchSpaces.Groups(finished))
        {
            foreach (KeyValuePair<string, ParameterDistribution> kv in g)
            {
                union[kv.Key] = kv.Value;
            }
        }

        return union;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var result = new Dictionary<string, double>();
        if (searchSpace.Count == 0 || GetSplit(study, trial).FinishedCount < _options.NStartupTrials)
        {
            return result;
        }

        IEnumerable<IReadOnlyDictionary<string, ParameterDistribution>> groups = _options.Group
            ? SearchSpaces.Groups(study.GetTrials(FinishedStates)).Select(g => (IReadOnlyDictionary<string, ParameterDistribution>)g.Where(kv => searchSpace.ContainsKey(kv.Key)).ToDictionary())
            : [searchSpace];
        foreach (IReadOnlyDictionary<string, ParameterDistribution> group in groups)
        {
            if (group.Count == 0)
            {
                continue;
            }

            foreach (KeyValuePair<string, double> kv in SampleJoint(study, trial, group))
            {
                result[kv.Key] = kv.Value;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        Split split = GetSplit(study, trial);
        if (split.FinishedCount < _options.NStartupTrials)
        {
            return _startup.Sample(distribution);
        }

        ParameterDistribution[] dists = [distribution];
        int[] belowIndices = split.BelowIndices(this);
        int[] aboveIndices = split.AboveIndices(this);
        if (KeepKernels && distribution is not CategoricalDistribution && !_options.Multivariate && !belowIndices.Contains(-1) && !aboveIndices.Contains(-1)
            && KeptKernels(belowIndices, name, distribution, below: true) is { } l && KeptKernels(aboveIndices, name, distribution, below: false) is { } g)
        {
            return Choose(dists, l, g)[0];
        }

        (double[][] belowColumns, double[] belowWeights) = Column(belowIndices, split.Below, name, distribution);
        (double[][] aboveColumns, double[] aboveWeights) = Column(aboveIndices, split.Above, name, distribution);
        return Choose(dists, belowColumns, belowWeights, aboveColumns, aboveWeights)[0];
    }

    /// <summary>
    /// The univariate estimator of one side from the kernels kept since the last ask (see <see cref="NumericKernelCache"/>), or null
    /// when the side holds no observation of the parameter (the from-scratch path handles it).
    /// </summary>
    private ParzenEstimator? KeptKernels(int[] indices, string name, ParameterDistribution distribution, bool below)
    {
        List<double>? stored = StoreColumn(name, distribution, create: false);
        if (stored is null)
        {
            return null;
        }

        int count = 0;
        foreach (int index in indices)
        {
            count += index < stored.Count && !double.IsNaN(stored[index]) ? 1 : 0;
        }

        if (count == 0)
        {
            return null;
        }

        int[] dense = new int[count];
        int[] numbers = new int[count];
        double[] values = new double[count];
        int k = 0;
        foreach (int index in indices)
        {
            if (index < stored.Count && !double.IsNaN(stored[index]))
            {
                (dense[k], numbers[k], values[k]) = (index, _denseNumber[index], stored[index]);
                k++;
            }
        }

        if (!_kernelCaches.TryGetValue((name, distribution, below), out NumericKernelCache? cache))
        {
            cache = new NumericKernelCache(distribution, _options);
            _kernelCaches[(name, distribution, below)] = cache;
        }

        ParamKernels kernels = cache.Fit(dense, numbers, values);
        (double[] logWeights, double[] cumulative) = MixtureWeights(count);
        return new ParzenEstimator([kernels], logWeights, cumulative);
    }

    /// <summary>Mixture weights for count observations; those of the default weight function depend only on the count and are kept.</summary>
    private (double[] LogWeights, double[] Cumulative) MixtureWeights(int count)
    {
        bool cacheable = _options.Weights == (Func<int, double[]>)TpeOptions.DefaultWeights;
        if (cacheable && _defaultMixtureWeights.TryGetValue(count, out (double[], double[]) kept))
        {
            return kept;
        }

        (double[], double[]) computed = ParzenEstimator.MixtureWeights(Weights(_options, count), _options);
        if (cacheable)
        {
            _defaultMixtureWeights[count] = computed;
        }

        return computed;
    }

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial) => _split = null;

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    private Dictionary<string, double> SampleJoint(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> space)
    {
        Split split = GetSplit(study, trial);
        ParameterDistribution[] dists = [.. space.Values];
        string[] names = [.. space.Keys];
        (double[][] below, double[] belowWeights) = Observations(split.Below, names, dists);
        (double[][] above, double[] aboveWeights) = Observations(split.Above, names, dists);
        double[] chosen = Choose(dists, below, belowWeights, above, aboveWeights);
        var result = new Dictionary<string, double>();
        for (int p = 0; p < names.Length; p++)
        {
            result[names[p]] = chosen[p];
        }

        return result;
    }

    private double[] Choose(ParameterDistribution[] dists, double[][] below, double[] belowWeights, double[][] above, double[] aboveWeights) =>
        Choose(dists, new ParzenEstimator(dists, below, belowWeights, _options), new ParzenEstimator(dists, above, aboveWeights, _options));

    private double[] Choose(ParameterDistribution[] dists, ParzenEstimator l, ParzenEstimator g)
    {
        double[][] candidates = l.Sample(_random, _options.NEiCandidates);
        double[] logL = l.LogPdf(candidates);
        double[] logG = g.LogPdf(candidates);
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < candidates.Length; i++)
        {
            double score = logL[i] - logG[i];
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        double[] chosen = new double[dists.Length];
        for (int p = 0; p < dists.Length; p++)
        {
            chosen[p] = ParzenEstimator.FromTpeSpace(dists[p], candidates[best][p]);
        }

        return chosen;
    }

    private (double[][] Columns, double[] Weights) Observations(List<FrozenTrial> trials, string[] names, ParameterDistribution[] dists)
    {
        var columns = new List<double>[names.Length];
        for (int p = 0; p < names.Length; p++)
        {
            columns[p] = new List<double>(trials.Count);
        }

        double[] row = new double[names.Length];
        foreach (FrozenTrial t in trials)
        {
            bool ok = true;
            for (int p = 0; p < names.Length && ok; p++)
            {
                ok = t.Distributions.TryGetValue(names[p], out ParameterDistribution? d) && d.Equals(dists[p]);
                if (ok)
                {
                    row[p] = ParzenEstimator.ToTpeSpace(dists[p], t.InternalParams[names[p]]);
                }
            }

            if (ok)
            {
                for (int p = 0; p < names.Length; p++)
                {
                    columns[p].Add(row[p]);
                }
            }
        }

        int count = columns.Length == 0 ? 0 : columns[0].Count;
        return (columns.Select(c => c.ToArray()).ToArray(), Weights(_options, count));
    }

    private static double[] Weights(TpeOptions options, int count)
    {
        double[] weights = count == 0 ? [] : options.Weights(count);
        return weights.Length == count
            ? weights
            : throw new InvalidOperationException($"TpeOptions.Weights returned {weights.Length} weights for {count} observations.");
    }

    private Split GetSplit(Study study, FrozenTrial trial)
    {
        if (_split is { } cached && cached.TrialId == trial.Id)
        {
            return cached;
        }

        if (!_options.ConstantLiar && !study.IsMultiObjective)
        {
            _split = FastSplit(study, trial);
            return _split;
        }

        IReadOnlyList<FrozenTrial> trials = study.GetTrials(_options.ConstantLiar ? LiarStates : FinishedStates);
        var complete = new List<FrozenTrial>();
        var pruned = new List<FrozenTrial>();
        var infeasible = new List<FrozenTrial>();
        var running = new List<FrozenTrial>();
        foreach (FrozenTrial t in trials)
        {
            if (t.Id == trial.Id)
            {
                continue;
            }

            if (t.State == TrialState.Running)
            {
                running.Add(t);
            }
            else if (!t.IsFeasible)
            {
                infeasible.Add(t);
            }
            else if (t.State == TrialState.Complete && t.Values is not null)
            {
                complete.Add(t);
            }
            else if (t.State == TrialState.Pruned)
            {
                pruned.Add(t);
            }
        }

        int nBelow = Math.Max(0, _options.Gamma(complete.Count + pruned.Count + infeasible.Count + running.Count));
        var belowIds = new HashSet<long>();
        foreach (FrozenTrial t in study.IsMultiObjective ? OrderComplete(study, complete).Take(nBelow) : BestSingleObjective(study, complete, nBelow))
        {
            belowIds.Add(t.Id);
        }

        foreach (FrozenTrial t in OrderPruned(study, pruned).Take(nBelow - belowIds.Count))
        {
            belowIds.Add(t.Id);
        }

        foreach (FrozenTrial t in infeasible.OrderBy(t => t.ConstraintViolation).ThenBy(t => t.Number).Take(nBelow - belowIds.Count))
        {
            belowIds.Add(t.Id);
        }

        // Both halves keep the storage's trial-number order (the weights ramp from oldest to newest).
        var below = new List<FrozenTrial>(belowIds.Count);
        var above = new List<FrozenTrial>(trials.Count);
        int finished = 0;
        foreach (FrozenTrial t in trials)
        {
            if (t.Id == trial.Id)
            {
                continue;
            }

            finished += t.State is TrialState.Complete or TrialState.Pruned ? 1 : 0;
            if (belowIds.Contains(t.Id))
            {
                below.Add(t);
            }
            else if (t.State == TrialState.Running || !t.IsFeasible || t.State == TrialState.Pruned || (t.State == TrialState.Complete && t.Values is not null))
            {
                above.Add(t);
            }
        }

        _split = new Split(trial.Id, below, above, finished);
        return _split;
    }

    /// <summary>The first k of the complete trials ordered by value, then number (as <see cref="OrderComplete"/>), by insertion into a short sorted list.</summary>
    private static List<FrozenTrial> BestSingleObjective(Study study, List<FrozenTrial> complete, int k)
    {
        double sign = study.Direction == StudyDirection.Minimize ? 1 : -1;
        var best = new List<FrozenTrial>(Math.Max(0, k) + 1);
        var keys = new List<double>(Math.Max(0, k) + 1);
        if (k <= 0)
        {
            return best;
        }

        foreach (FrozenTrial t in complete)
        {
            double key = sign * t.Values![0];
            if (best.Count == k && Compare(key, t.Number, keys[^1], best[^1].Number) >= 0)
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && Compare(key, t.Number, keys[at - 1], best[at - 1].Number) < 0)
            {
                at--;
            }

            best.Insert(at, t);
            keys.Insert(at, key);
            if (best.Count > k)
            {
                best.RemoveAt(k);
                keys.RemoveAt(k);
            }
        }

        return best;

        static int Compare(double a, int na, double b, int nb) => a.CompareTo(b) is int c && c != 0 ? c : na.CompareTo(nb);
    }

    private static IEnumerable<FrozenTrial> OrderComplete(Study study, List<FrozenTrial> complete)
    {
        if (!study.IsMultiObjective)
        {
            double sign = study.Direction == StudyDirection.Minimize ? 1 : -1;
            return complete.OrderBy(t => sign * t.Values![0]).ThenBy(t => t.Number);
        }

        double[][] points = [.. complete.Select(t => t.Values!.ToArray())];
        int[] ranks = ParetoFront.NonDominatedRanks(points, study.Directions);
        double[] crowding = new double[points.Length];
        foreach (IGrouping<int, int> front in Enumerable.Range(0, points.Length).GroupBy(i => ranks[i]))
        {
            int[] members = [.. front];
            double[] d = ParetoFront.CrowdingDistances([.. members.Select(i => points[i])]);
            for (int j = 0; j < members.Length; j++)
            {
                crowding[members[j]] = d[j];
            }
        }

        return Enumerable.Range(0, complete.Count).OrderBy(i => ranks[i]).ThenByDescending(i => crowding[i]).ThenBy(i => complete[i].Number).Select(i => complete[i]);
    }

    private static IEnumerable<FrozenTrial> OrderPruned(Study study, List<FrozenTrial> pruned)
    {
        double sign = study.IsMultiObjective || study.Direction == StudyDirection.Minimize ? 1 : -1;
        return pruned
            .OrderByDescending(t => t.LastStep ?? int.MinValue)
            .ThenBy(t => t.LastStep is int s && !double.IsNaN(t.IntermediateValues[s]) ? sign * t.IntermediateValues[s] : double.PositiveInfinity)
            .ThenBy(t => t.Number);
    }

    /// <summary>Dense index of a finished trial in the column store (its parameters never change again); -1 for a running trial.</summary>
    private int DenseIndex(FrozenTrial t)
    {
        if (!t.IsFinished)
        {
            return -1;
        }

        if (_denseIndex.TryGetValue(t.Id, out int index))
        {
            return index;
        }

        index = _denseIndex.Count;
        _denseIndex[t.Id] = index;
        _denseNumber.Add(t.Number);
        foreach (KeyValuePair<string, double> kv in t.InternalParams)
        {
            List<double> values = StoreColumn(kv.Key, t.Distributions[kv.Key], create: true)!;
            while (values.Count <= index)
            {
                values.Add(double.NaN);
            }

            values[index] = ParzenEstimator.ToTpeSpace(t.Distributions[kv.Key], kv.Value);
        }

        return index;
    }

    private List<double>? StoreColumn(string name, ParameterDistribution distribution, bool create)
    {
        if (!_columns.TryGetValue(name, out List<(ParameterDistribution Dist, List<double> Values)>? list))
        {
            if (!create)
            {
                return null;
            }

            list = [];
            _columns[name] = list;
        }

        foreach ((ParameterDistribution dist, List<double> values) in list)
        {
            if (ReferenceEquals(dist, distribution) || dist.Equals(distribution))
            {
                return values;
            }
        }

        if (!create)
        {
            return null;
        }

        var created = new List<double>();
        list.Add((distribution, created));
        return created;
    }

    /// <summary>One parameter's TPE-space observations over the given trials (those holding it with this distribution), in trial order.</summary>
    private (double[][] Columns, double[] Weights) Column(int[] indices, List<FrozenTrial> trials, string name, ParameterDistribution distribution)
    {
        List<double>? stored = StoreColumn(name, distribution, create: false);
        var values = new List<double>(trials.Count);
        for (int i = 0; i < trials.Count; i++)
        {
            int index = indices[i];
            if (index >= 0)
            {
                if (stored is not null && index < stored.Count && !double.IsNaN(stored[index]))
                {
                    values.Add(stored[index]);
                }
            }
            else if (trials[i].Distributions.TryGetValue(name, out ParameterDistribution? d) && d.Equals(distribution))
            {
                values.Add(ParzenEstimator.ToTpeSpace(distribution, trials[i].InternalParams[name]));
            }
        }

        return ([values.ToArray()], Weights(_options, values.Count));
    }

    private sealed record Split(long TrialId, List<FrozenTrial> Below, List<FrozenTrial> Above, int FinishedCount)
    {
        private int[]? _belowIndices;
        private int[]? _aboveIndices;

        public Split(long trialId, List<FrozenTrial> below, List<FrozenTrial> above, int finishedCount, int[] belowIndices, int[] aboveIndices)
            : this(trialId, below, above, finishedCount)
        {
            _belowIndices = belowIndices;
            _aboveIndices = aboveIndices;
        }

        public int[] BelowIndices(TpeSampler sampler) => _belowIndices ??= [.. Below.Select(sampler.DenseIndex)];

        public int[] AboveIndices(TpeSampler sampler) => _aboveIndices ??= [.. Above.Select(sampler.DenseIndex)];
    }
}
