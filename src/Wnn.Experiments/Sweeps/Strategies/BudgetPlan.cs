using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>
/// Budget-aware allocation by synchronous successive halving, in Hyperband's brackets (Li et al. 2018). With
/// s_max = the largest s such that min_budget · η^s ≤ max_budget, bracket s starts n = ⌈(s_max + 1)/(s + 1) · η^s⌉ configs
/// sampled uniformly in the unit space (seeded by the sweep's seed and the bracket number) at budget max_budget / η^s; after
/// each rung the best ⌊n_i / η⌋ (at least 1) complete configs go on with η times the budget, up to max_budget.
/// <c>hyperband</c> runs brackets s_max, s_max − 1, …, 0 and starts over; <c>successive_halving</c> repeats bracket s_max.
/// New batches stop once the total budget is used: <c>total_trials</c> jobs (a batch is cut to fit, best configs first), or
/// <c>total_seconds</c> of trial_seconds over every finished trial (checked before each batch, so the last batch may pass it).
/// </summary>
public sealed class BudgetPlan : ISweepPlan
{
    /// <summary>User attribute: the bracket number (0, 1, …; its s is <see cref="BracketS"/>).</summary>
    public const string BracketAttribute = "bracket";

    /// <summary>User attribute: the rung within the bracket (0 = the first).</summary>
    public const string RungAttribute = "rung";

    /// <summary>User attribute: the budget the trial was given.</summary>
    public const string BudgetAttribute = "budget";

    /// <summary>User attribute: the job whose config a promoted job continues.</summary>
    public const string PromotedFromAttribute = "promoted_from";

    private readonly SweepStrategy _strategy;
    private readonly IReadOnlyList<SweepParameter> _parameters;
    private readonly StudyDirection _direction;
    private readonly long? _seed;

    /// <summary>Creates the plan; the seed makes each bracket's sampled configs reproducible.</summary>
    public BudgetPlan(SweepStrategy strategy, IReadOnlyList<SweepParameter> parameters, StudyDirection direction, long? seed)
    {
        _strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _direction = direction;
        _seed = seed;
        SMax = 0;
        for (long b = (long)strategy.MinBudget * strategy.Eta; b <= strategy.MaxBudget; b *= strategy.Eta)
        {
            SMax++;
        }
    }

    /// <summary>The most aggressive bracket's s.</summary>
    public int SMax { get; }

    /// <summary>The s of bracket number <paramref name="bracket"/>.</summary>
    public int BracketS(int bracket) => _strategy.Allocation == "hyperband" ? SMax - (bracket % (SMax + 1)) : SMax;

    /// <summary>Configs that start bracket s.</summary>
    public int Configs(int s) => (int)Math.Ceiling((SMax + 1) / (double)(s + 1) * Math.Pow(_strategy.Eta, s));

    /// <summary>Configs of rung i of bracket s.</summary>
    public int RungSize(int s, int rung) => Math.Max(1, (int)Math.Floor(Configs(s) / Math.Pow(_strategy.Eta, rung)));

    /// <summary>The budget of rung i of bracket s: max_budget / η^(s − i), rounded, at least min_budget.</summary>
    public int RungBudget(int s, int rung) => Math.Max(_strategy.MinBudget, (int)Math.Round(_strategy.MaxBudget / Math.Pow(_strategy.Eta, s - rung)));

    /// <inheritdoc />
    public IReadOnlyList<PlannedJob> Initial() => Fit(Start(0), 0);

    /// <inheritdoc />
    public IReadOnlyList<PlannedJob> Next(IReadOnlyList<FrozenTrial> trials)
    {
        List<FrozenTrial> last = SweepPlans.LastAttempts(trials);
        if (_strategy.TotalSeconds is double limit && Seconds(trials) >= limit)
        {
            return [];
        }

        int bracket = last.Select(t => SweepPlans.IntAttribute(t, BracketAttribute)).DefaultIfEmpty(-1).Max();
        if (bracket < 0)
        {
            return Fit(Start(0), last.Count);
        }

        int s = BracketS(bracket);
        List<FrozenTrial> inBracket = [.. last.Where(t => SweepPlans.IntAttribute(t, BracketAttribute) == bracket)];
        int rung = inBracket.Max(t => SweepPlans.IntAttribute(t, RungAttribute));
        List<FrozenTrial> ranked = SweepPlans.Ranked(inBracket.Where(t => SweepPlans.IntAttribute(t, RungAttribute) == rung), _direction);
        if (rung < s && ranked.Count > 0)
        {
            int keep = Math.Min(ranked.Count, RungSize(s, rung + 1));
            int budget = RungBudget(s, rung + 1);
            List<PlannedJob> promoted = [.. ranked.Take(keep).Select(t => Job(t.Params, bracket, rung + 1, budget, SweepWorkspace.JobOf(t)))];
            return Fit(promoted, last.Count);
        }

        return Fit(Start(bracket + 1), last.Count);
    }

    /// <inheritdoc />
    public string Describe(IReadOnlyList<PlannedJob> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return "budget: nothing left to run";
        }

        IReadOnlyDictionary<string, object?> a = batch[0].Attributes;
        int bracket = Convert.ToInt32(a[BracketAttribute], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_strategy.Allocation} bracket {bracket} (s = {BracketS(bracket)}) rung {a[RungAttribute]}: {batch.Count} jobs with {_strategy.BudgetKey}={a[BudgetAttribute]}");
    }

    /// <summary>Trial-seconds used so far: the launcher's wall time of every finished trial, retries included.</summary>
    public static double Seconds(IEnumerable<FrozenTrial> trials) =>
        (trials ?? throw new ArgumentNullException(nameof(trials))).Where(t => t.IsFinished)
            .Sum(t => t.UserAttributes.TryGetValue(SweepController.ElapsedAttribute, out object? e) && e is IConvertible c and not string ? c.ToDouble(CultureInfo.InvariantCulture) : 0);

    private List<PlannedJob> Start(int bracket)
    {
        int s = BracketS(bracket);
        SearchRandom random = SearchRandom.Derive(_seed, "bracket " + bracket.ToString(CultureInfo.InvariantCulture));
        int budget = RungBudget(s, 0);
        return [.. Enumerable.Range(0, Configs(s)).Select(_ => Job(_parameters.ToDictionary(p => p.Name, p => SweepPlans.AtUnit(p.Distribution, random.NextDouble())), bracket, 0, budget, null))];
    }

    private List<PlannedJob> Fit(List<PlannedJob> batch, int jobsSoFar) =>
        _strategy.TotalTrials is int total ? [.. batch.Take(Math.Max(0, total - jobsSoFar))] : batch;

    private static PlannedJob Job(IReadOnlyDictionary<string, object?> values, int bracket, int rung, int budget, int? from)
    {
        var attributes = new Dictionary<string, object?> { [BracketAttribute] = bracket, [RungAttribute] = rung, [BudgetAttribute] = budget };
        if (from is int f)
        {
            attributes[PromotedFromAttribute] = f;
        }

        return new PlannedJob(values, attributes);
    }
}
