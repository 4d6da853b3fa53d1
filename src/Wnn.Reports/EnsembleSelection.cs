using System.Globalization;
using System.Text;
using Wnn.Search;

namespace Wnn.Reports;

/// <summary>
/// Ensemble selection: up to k good configs that differ most from each other. Each parameter is normalized to [0, 1] by its
/// distribution (log space for a log parameter, so 1e-4 → 1e-3 is as far as 1e-3 → 1e-2); a categorical differs by 0 or 1.
/// The distance of two configs is the root mean square of the per-parameter differences (a parameter only one has counts 1).
/// From the best ⌈top_fraction · n⌉ complete trials (at least k), the best is taken first, then greedily the candidate whose
/// distance to the nearest chosen one is largest (max-min; ties go to the better value); configs at distance 0 from a chosen
/// one (the same config again) are never taken.
/// </summary>
public sealed record EnsembleSelection
{
    /// <summary>The chosen trials, in the order they were chosen.</summary>
    public required IReadOnlyList<ReportTrial> Members { get; init; }

    /// <summary>For each member, its distance to the nearest member chosen before it (the first has none: NaN).</summary>
    public required IReadOnlyList<double> MinDistances { get; init; }

    /// <summary>How many complete trials the members were chosen from.</summary>
    public required int PoolSize { get; init; }

    /// <summary>The k asked for.</summary>
    public required int K { get; init; }

    /// <summary>Chooses the ensemble from complete trials ranked by their first objective.</summary>
    public static EnsembleSelection Choose(IReadOnlyList<ReportTrial> complete, IReadOnlyDictionary<string, ParameterDistribution> distributions, StudyDirection direction, int k, double topFraction)
    {
        ArgumentNullException.ThrowIfNull(complete);
        ArgumentNullException.ThrowIfNull(distributions);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "top_fraction must be in (0, 1]");
        }

        List<ReportTrial> ranked = [.. complete.Where(t => t.Values is [double v, ..] && double.IsFinite(v))
            .OrderBy(t => direction == StudyDirection.Minimize ? t.Values![0] : -t.Values![0]).ThenBy(t => t.Number)];
        int poolSize = Math.Min(ranked.Count, Math.Max(k, (int)Math.Ceiling(topFraction * ranked.Count)));
        List<ReportTrial> pool = ranked[..poolSize];
        var members = new List<ReportTrial>();
        var gaps = new List<double>();
        if (pool.Count > 0)
        {
            members.Add(pool[0]);
            gaps.Add(double.NaN);
        }

        double[] nearest = [.. pool.Select(t => members.Count == 0 ? 0 : Distance(t, members[0], distributions))];
        while (members.Count < k)
        {
            int pick = -1;
            for (int i = 0; i < pool.Count; i++)
            {
                if (nearest[i] > 0 && (pick < 0 || nearest[i] > nearest[pick]))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                break;
            }

            members.Add(pool[pick]);
            gaps.Add(nearest[pick]);
            for (int i = 0; i < pool.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(pool[i], pool[pick], distributions));
            }
        }

        return new EnsembleSelection { Members = members, MinDistances = gaps, PoolSize = pool.Count, K = k };
    }

    /// <summary>The normalized distance of two configs (see the type's summary), in [0, 1].</summary>
    public static double Distance(ReportTrial a, ReportTrial b, IReadOnlyDictionary<string, ParameterDistribution> distributions)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(distributions);
        List<string> names = [.. a.Numeric.Keys.Union(b.Numeric.Keys)];
        if (names.Count == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (string n in names)
        {
            double d;
            if (!a.Numeric.TryGetValue(n, out double x) || !b.Numeric.TryGetValue(n, out double y) || !distributions.TryGetValue(n, out ParameterDistribution? dist))
            {
                d = 1;
            }
            else if (dist is CategoricalDistribution)
            {
                d = x == y ? 0 : 1;
            }
            else
            {
                d = Math.Abs(EndpointScale.ToUnit(dist, x) - EndpointScale.ToUnit(dist, y));
            }

            sum += d * d;
        }

        return Math.Sqrt(sum / names.Count);
    }

    /// <summary>The selection as a titled plain-text table.</summary>
    public string Text(string objective)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Ensemble: {Members.Count} of k = {K} diverse configs from the best {PoolSize} complete trials (max-min normalized distance)\n");
        TextReport.Table(sb, ["trial", "job", objective, "min distance", "params"], Rows(), markdown: false);
        return sb.ToString();
    }

    /// <summary>One row per member: trial, job, value, distance to the nearest earlier member, parameters.</summary>
    public IEnumerable<string[]> Rows() => Members.Select((t, i) => new[]
    {
        t.Number.ToString(CultureInfo.InvariantCulture), t.Job.ToString(CultureInfo.InvariantCulture), ReportFormat.Number(t.Values![0]),
        double.IsNaN(MinDistances[i]) ? "-" : MinDistances[i].ToString("0.000", CultureInfo.InvariantCulture),
        string.Join(" ", t.Params.Select(kv => kv.Key + "=" + ReportFormat.Value(kv.Value))),
    });
}
