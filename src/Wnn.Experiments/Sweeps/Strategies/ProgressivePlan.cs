using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>
/// Progressive expansion. Round 0 is a coarse grid: each numeric parameter at <c>points</c> values evenly spaced in its unit
/// space (log space for a log parameter; ends included; int and stepped values rounded, repeats dropped), each categorical at
/// every choice. Round r + 1 takes the <c>top_k</c> best complete configs of all rounds so far and, around each, a grid of the
/// centre and the centre ± h in every numeric parameter's unit space, where h = 1 / ((points − 1) · 2^(r + 1)) halves the
/// previous spacing (clipped to the range, rounded as above); categoricals keep the centre's choice. Configs already run are
/// dropped. It stops after <c>rounds</c> refinement rounds, or earlier when a round has no new config.
/// </summary>
public sealed class ProgressivePlan : ISweepPlan
{
    /// <summary>User attribute: the round of a job (0 = the coarse grid).</summary>
    public const string RoundAttribute = "round";

    private readonly SweepStrategy _strategy;
    private readonly IReadOnlyList<SweepParameter> _parameters;
    private readonly StudyDirection _direction;

    /// <summary>Creates the plan over the sweep's parameters.</summary>
    public ProgressivePlan(SweepStrategy strategy, IReadOnlyList<SweepParameter> parameters, StudyDirection direction)
    {
        _strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _direction = direction;
    }

    /// <summary>The unit-space spacing of round <paramref name="round"/>.</summary>
    public double Spacing(int round) => 1.0 / ((_strategy.Points - 1) * Math.Pow(2, round));

    /// <inheritdoc />
    public IReadOnlyList<PlannedJob> Initial()
    {
        List<(string Name, List<object?> Values)> axes = [.. _parameters.Select(p => (p.Name, p.Distribution is CategoricalDistribution c
            ? [.. c.Choices]
            : Distinct(Enumerable.Range(0, _strategy.Points).Select(i => SweepPlans.AtUnit(p.Distribution, i * Spacing(0))))))];
        return [.. SchemaSweepReader.Product(axes).Select(job => Job(job.ToDictionary(kv => kv.Key, kv => kv.Value), 0))];
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannedJob> Next(IReadOnlyList<FrozenTrial> trials)
    {
        List<FrozenTrial> last = SweepPlans.LastAttempts(trials);
        int round = last.Select(t => SweepPlans.IntAttribute(t, RoundAttribute)).DefaultIfEmpty(0).Max();
        if (round >= _strategy.Rounds)
        {
            return [];
        }

        var seen = new HashSet<string>(last.Select(t => SweepPlans.Key(_parameters, t.Params)), StringComparer.Ordinal);
        double h = Spacing(round + 1);
        var batch = new List<PlannedJob>();
        foreach (FrozenTrial centre in SweepPlans.Ranked(last, _direction).Take(_strategy.TopK))
        {
            List<(string Name, List<object?> Values)> axes = [.. _parameters.Select(p => (p.Name, Around(p, centre, h)))];
            foreach (IReadOnlyList<KeyValuePair<string, object?>> job in SchemaSweepReader.Product(axes))
            {
                Dictionary<string, object?> values = job.ToDictionary(kv => kv.Key, kv => kv.Value);
                if (seen.Add(SweepPlans.Key(_parameters, values)))
                {
                    batch.Add(Job(values, round + 1));
                }
            }
        }

        return batch;
    }

    /// <inheritdoc />
    public string Describe(IReadOnlyList<PlannedJob> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int round = batch.Count == 0 ? 0 : Convert.ToInt32(batch[0].Attributes[RoundAttribute], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"progressive round {round} of {_strategy.Rounds}: {batch.Count} new jobs around the best {_strategy.TopK} (unit spacing {Spacing(round):0.####})");
    }

    private static List<object?> Around(SweepParameter p, FrozenTrial centre, double h)
    {
        object? value = centre.Params.GetValueOrDefault(p.Name);
        if (p.Distribution is CategoricalDistribution)
        {
            return [value];
        }

        double u = EndpointScale.ToUnit(p.Distribution, p.Distribution.ToInternal(value));
        // The centre keeps its own value; its neighbours exist only inside the range.
        List<object?> values = [];
        if (u - h >= -1e-12)
        {
            values.Add(SweepPlans.AtUnit(p.Distribution, u - h));
        }

        values.Add(value);
        if (u + h <= 1 + 1e-12)
        {
            values.Add(SweepPlans.AtUnit(p.Distribution, u + h));
        }

        return Distinct(values);
    }

    private static List<object?> Distinct(IEnumerable<object?> values) => [.. values.DistinctBy(v => ConfigTree.Format(v), StringComparer.Ordinal)];

    private static PlannedJob Job(Dictionary<string, object?> values, int round) => new(values, new Dictionary<string, object?> { [RoundAttribute] = round });
}
