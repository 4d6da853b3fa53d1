namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// The job list of a grid sweep, made exactly as Hydra's BasicSweeper makes it: the sweeper params of the config
/// (<c>hydra.sweeper.params</c>, in YAML order) come first, then the command line's overrides; a key given again
/// (same prefix, key and package) replaces its values but keeps its place; every key, swept or not, is one factor of
/// a cartesian product whose last key varies fastest; each value is written back as Hydra writes it. Overrides of
/// Hydra's own configuration (<c>hydra.…</c>) configure the sweep and are not passed to jobs.
/// </summary>
public static class BasicSweepPlanner
{
    /// <summary>Each job's overrides, in order. Throws <see cref="OverrideParseException"/> or <see cref="SweepPlanException"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Plan(
        IEnumerable<KeyValuePair<string, string>> sweeperParams, IEnumerable<string> overrides, SweepPlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sweeperParams);
        ArgumentNullException.ThrowIfNull(overrides);
        options ??= new SweepPlanOptions();
        var lines = sweeperParams.Select(p => $"{p.Key}={p.Value}").Concat(overrides).ToList();
        IReadOnlyList<Override> parsed = OverrideParser.ParseAll(lines, options.Seed);
        var random = new Random(options.Seed);
        var factors = new List<(string Key, IReadOnlyList<string> Values)>();
        foreach (Override o in parsed)
        {
            if (o.IsHydraOverride)
            {
                if (o.IsSweep)
                {
                    throw new SweepPlanException($"Sweeping over Hydra's configuration is not supported: '{o.InputLine}'");
                }

                continue;
            }

            string key = o.KeyElement;
            IReadOnlyList<string> values = o.IsSweep ? [.. SweepValues(o, random, options.GroupOptions, options.MaxJobs).Take(options.MaxJobs + 1).Select(v => $"{key}={v}")] : [o.Format()];
            if (values.Count > options.MaxJobs)
            {
                throw new SweepPlanException($"'{o.InputLine}' alone has more than {options.MaxJobs} values; narrow it or use a sampler");
            }

            int at = factors.FindIndex(f => f.Key == key);
            if (at >= 0)
            {
                factors[at] = (key, values);
            }
            else
            {
                factors.Add((key, values));
            }
        }

        long total = 1;
        foreach ((string _, IReadOnlyList<string> values) in factors)
        {
            total *= values.Count;
            if (total > options.MaxJobs)
            {
                throw new SweepPlanException($"the sweep has more than {options.MaxJobs} jobs ({string.Join(" x ", factors.Select(f => f.Values.Count))}); narrow it or use a sampler");
            }
        }

        var jobs = new List<IReadOnlyList<string>>((int)total);
        if (total == 0)
        {
            return jobs;
        }

        int[] index = new int[factors.Count];
        for (long n = 0; n < total; n++)
        {
            jobs.Add([.. factors.Select((f, i) => f.Values[index[i]])]);
            for (int i = factors.Count - 1; i >= 0; i--)
            {
                if (++index[i] < factors[i].Values.Count)
                {
                    break;
                }

                index[i] = 0;
            }
        }

        return jobs;
    }

    /// <summary>
    /// The values of a discrete sweep as Hydra writes them (the part after <c>=</c>): choice items in order (shuffled
    /// with <paramref name="random"/> if marked), range values, or the group options a glob selects (raw names, sorted).
    /// An interval cannot be enumerated: it needs a sampler. A shuffled range longer than <paramref name="maxValues"/> is an error.
    /// </summary>
    public static IEnumerable<string> SweepValues(
        Override sweep, Random random, Func<string, IReadOnlyList<string>>? groupOptions = null, int maxValues = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(random);
        switch (sweep.Value)
        {
            case ChoiceSweep c:
                return (c.Shuffle ? OverrideFunctionsShuffle(c.Items, random) : (IEnumerable<OverrideElement>)c.Items).Select(i => OverrideFormatter.Format(i));
            case RangeSweep r:
                if (r.Shuffle && r.Values().Skip(maxValues).Any())
                {
                    throw new SweepPlanException($"'{sweep.InputLine}' has more than {maxValues} values to shuffle; narrow it or use a sampler");
                }

                return (r.Shuffle ? OverrideFunctionsShuffle(r.Values(), random) : r.Values()).Select(i => OverrideFormatter.Format(i));
            case GlobSweep g:
                if (groupOptions is null)
                {
                    throw new SweepPlanException($"'{sweep.InputLine}': glob() selects options of the config group '{sweep.KeyOrGroup}'; give a config directory (--config-dir) that has that group");
                }

                return g.Filter(groupOptions(sweep.KeyOrGroup));
            case IntervalSweep:
                throw new SweepPlanException(
                    $"'{sweep.InputLine}': interval() is continuous and a grid sweep cannot enumerate it; it needs a sampler (a study-driven sweep such as TPE or random), or use choice() or range() for a grid");
            default:
                throw new SweepPlanException($"'{sweep.InputLine}' is not a sweep");
        }
    }

    private static List<OverrideElement> OverrideFunctionsShuffle(IEnumerable<OverrideElement> items, Random random) => OverrideFunctions.ShuffleCopy(items, random);
}
