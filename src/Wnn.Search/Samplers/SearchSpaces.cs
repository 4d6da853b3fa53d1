namespace Wnn.Search.Samplers;

/// <summary>Search spaces inferred from past trials, for samplers that sample several parameters jointly.</summary>
public static class SearchSpaces
{
    /// <summary>Parameters present with the same distribution in every given trial (single-valued ones left out), ordered by name.</summary>
    public static IReadOnlyDictionary<string, ParameterDistribution> Intersection(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        Dictionary<string, ParameterDistribution>? space = null;
        foreach (FrozenTrial t in trials)
        {
            if (space is null)
            {
                space = new Dictionary<string, ParameterDistribution>(t.Distributions);
                continue;
            }

            foreach (string name in space.Keys.ToList())
            {
                if (!t.Distributions.TryGetValue(name, out ParameterDistribution? d) || !d.Equals(space[name]))
                {
                    space.Remove(name);
                }
            }
        }

        return Sorted(space ?? []);
    }

    /// <summary>
    /// Splits all parameters seen into groups that always occur together (a conditional branch each); a parameter whose
    /// distribution changed between trials is dropped. Groups are ordered by their first parameter name.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, ParameterDistribution>> Groups(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var groups = new List<HashSet<string>>();
        var distributions = new Dictionary<string, ParameterDistribution>();
        var conflicting = new HashSet<string>();
        foreach (FrozenTrial t in trials)
        {
            foreach (KeyValuePair<string, ParameterDistribution> kv in t.Distributions)
            {
                if (!distributions.TryAdd(kv.Key, kv.Value) && !distributions[kv.Key].Equals(kv.Value))
                {
                    conflicting.Add(kv.Key);
                }
            }

            var present = new HashSet<string>(t.Distributions.Keys);
            var next = new List<HashSet<string>>();
            foreach (HashSet<string> g in groups)
            {
                var inside = new HashSet<string>(g.Where(present.Contains));
                var outside = new HashSet<string>(g.Where(n => !present.Contains(n)));
                if (inside.Count > 0)
                {
                    next.Add(inside);
                }

                if (outside.Count > 0)
                {
                    next.Add(outside);
                }

                present.ExceptWith(g);
            }

            if (present.Count > 0)
            {
                next.Add(present);
            }

            groups = next;
        }

        return [.. groups
            .Select(g => Sorted(g.Where(n => !conflicting.Contains(n) && !distributions[n].IsSingle).ToDictionary(n => n, n => distributions[n])))
            .Where(g => g.Count > 0)
            .OrderBy(g => g.Keys.First(), StringComparer.Ordinal)];
    }

    private static IReadOnlyDictionary<string, ParameterDistribution> Sorted(Dictionary<string, ParameterDistribution> space)
    {
        var result = new Dictionary<string, ParameterDistribution>();
        foreach (string name in space.Keys.Where(n => !space[n].IsSingle).Order(StringComparer.Ordinal))
        {
            result[name] = space[name];
        }

        return result;
    }
}
