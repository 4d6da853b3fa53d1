using System.Globalization;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// The architecture grid of seed 002: every valid combination of <see cref="ArchSearchSpace"/>, the ones within a
/// tolerance of a parameter budget, and the 25–35 of them that a study searches (extremes included).
/// </summary>
public static class ArchitectureGrid
{
    /// <summary>Relative tolerance of <see cref="FilterByBudget"/> (±25 %).</summary>
    public const double DefaultTolerance = 0.25;

    /// <summary>Architectures a study gets when the band holds more (within 25–35).</summary>
    public const int SelectionSize = 30;

    /// <summary>Fewest architectures per named budget.</summary>
    public const int MinSelection = 25;

    /// <summary>Most architectures per budget.</summary>
    public const int MaxSelection = 35;

    /// <summary>generate_architecture_grid: all valid combinations with their counts, ordered by (param_count, d_model, n_layers, n_heads, d_ff).</summary>
    public static IReadOnlyList<SizedArchitecture> Generate(TransformerModelKind model, PatchTstShape? shape = null)
    {
        shape = (shape ?? new PatchTstShape()).Validate();
        var all = new List<SizedArchitecture>();
        foreach (int e in ArchSearchSpace.DModel)
        {
            foreach (int l in ArchSearchSpace.NLayers)
            {
                foreach (int h in ArchSearchSpace.NHeads)
                {
                    foreach (int f in ArchSearchSpace.DFf)
                    {
                        var a = new Architecture(e, l, h, f);
                        if (ArchSearchSpace.IsValid(a))
                        {
                            all.Add(new SizedArchitecture(a, ArchitectureParamCount.Estimate(model, a, shape)));
                        }
                    }
                }
            }
        }

        return Ordered(all);
    }

    /// <summary>filter_by_budget: the architectures whose count is within ±tolerance of the target (inclusive), in grid order.</summary>
    public static IReadOnlyList<SizedArchitecture> FilterByBudget(IEnumerable<SizedArchitecture> grid, long target, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        if (!(tolerance >= 0 && tolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be in [0, 1).");
        }

        return Ordered(grid.Where(s => Math.Abs(s.ParamCount - target) <= tolerance * target));
    }

    /// <summary>
    /// get_architectures_for_budget: the band of the budget, reduced to <see cref="SelectionSize"/> when it holds more than
    /// <see cref="MaxSelection"/>: first the <see cref="Extremes"/>, then farthest-point picks in the ordinal space of the four
    /// dimensions, taking shapes (d_model, n_layers, d_ff) not yet chosen before further head counts of chosen ones. Ordered by (param_count, d_model, n_layers, n_heads, d_ff); arch_idx
    /// indexes this list. Throws an <see cref="ArgumentException"/> naming the nearest architecture when the band is empty.
    /// </summary>
    public static IReadOnlyList<SizedArchitecture> ForBudget(ParamBudget budget, TransformerModelKind model, PatchTstShape? shape = null, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(budget);
        IReadOnlyList<SizedArchitecture> grid = Generate(model, shape);
        IReadOnlyList<SizedArchitecture> band = FilterByBudget(grid, budget.Target, tolerance);
        if (band.Count == 0)
        {
            SizedArchitecture nearest = grid.MinBy(s => Math.Abs(Math.Log(s.ParamCount / (double)budget.Target)))!;
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"no {TransformerModels.NameOf(model)} architecture has {budget.Target:N0} parameters within ±{tolerance * 100:0.#} % (budget {budget.Name}); the nearest is {nearest.Architecture} with {nearest.ParamCount:N0} ({nearest.RelativeTo(budget.Target) * 100:+0.#;-0.#} %); the grid spans {grid[0].ParamCount:N0} to {grid[^1].ParamCount:N0}."));
        }

        if (band.Count <= MaxSelection)
        {
            return band;
        }

        var chosen = new List<SizedArchitecture>();
        foreach (SizedArchitecture s in Extremes(band, budget.Target).Values)
        {
            if (!chosen.Contains(s))
            {
                chosen.Add(s);
            }
        }

        var rest = band.Where(s => !chosen.Contains(s)).ToList();
        while (chosen.Count < SelectionSize && rest.Count > 0)
        {
            // A shape (d_model, n_layers, d_ff) not chosen yet beats another head count of a chosen shape: heads do not
            // change the count, so new shapes spread the budget's band first.
            List<SizedArchitecture> newShapes = [.. rest.Where(c => !chosen.Any(s => SameShape(s.Architecture, c.Architecture)))];
            List<SizedArchitecture> pool = newShapes.Count > 0 ? newShapes : rest;
            SizedArchitecture next = pool
                .OrderByDescending(c => chosen.Min(s => Distance(c.Architecture, s.Architecture)))
                .ThenBy(c => Math.Abs(c.ParamCount - budget.Target))
                .ThenBy(c => c.Architecture.DModel).ThenBy(c => c.Architecture.NLayers).ThenBy(c => c.Architecture.NHeads).ThenBy(c => c.Architecture.DFf)
                .First();
            chosen.Add(next);
            rest.Remove(next);
        }

        return Ordered(chosen);
    }

    /// <summary>
    /// The extremes of a band, by name: fewest_params, most_params, shallowest and deepest (n_layers), narrowest and widest
    /// (d_model), smallest_ff and largest_ff (d_ff), fewest_heads and most_heads (n_heads). Ties on the dimension go to the
    /// count nearest the target, then to the grid order. Several names may point at one architecture.
    /// </summary>
    public static IReadOnlyDictionary<string, SizedArchitecture> Extremes(IReadOnlyList<SizedArchitecture> band, long target)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (band.Count == 0)
        {
            throw new ArgumentException("an empty band has no extremes.", nameof(band));
        }

        IReadOnlyList<SizedArchitecture> ordered = Ordered(band);
        SizedArchitecture Pick(Func<SizedArchitecture, int> key, bool max)
        {
            int best = max ? ordered.Max(key) : ordered.Min(key);
            return ordered.Where(s => key(s) == best).OrderBy(s => Math.Abs(s.ParamCount - target)).First();
        }

        return new Dictionary<string, SizedArchitecture>
        {
            ["fewest_params"] = ordered[0],
            ["most_params"] = ordered[^1],
            ["shallowest"] = Pick(s => s.Architecture.NLayers, max: false),
            ["deepest"] = Pick(s => s.Architecture.NLayers, max: true),
            ["narrowest"] = Pick(s => s.Architecture.DModel, max: false),
            ["widest"] = Pick(s => s.Architecture.DModel, max: true),
            ["smallest_ff"] = Pick(s => s.Architecture.DFf, max: false),
            ["largest_ff"] = Pick(s => s.Architecture.DFf, max: true),
            ["fewest_heads"] = Pick(s => s.Architecture.NHeads, max: false),
            ["most_heads"] = Pick(s => s.Architecture.NHeads, max: true),
        };
    }

    private static bool SameShape(Architecture a, Architecture b) => a.DModel == b.DModel && a.NLayers == b.NLayers && a.DFf == b.DFf;

    private static List<SizedArchitecture> Ordered(IEnumerable<SizedArchitecture> items) =>
    [
        .. items.OrderBy(s => s.ParamCount).ThenBy(s => s.Architecture.DModel).ThenBy(s => s.Architecture.NLayers)
            .ThenBy(s => s.Architecture.NHeads).ThenBy(s => s.Architecture.DFf),
    ];

    // Euclidean distance between the ordinal positions of two architectures, each dimension scaled to [0, 1].
    private static double Distance(Architecture a, Architecture b)
    {
        double d = Ordinal(ArchSearchSpace.DModel, a.DModel) - Ordinal(ArchSearchSpace.DModel, b.DModel);
        double l = Ordinal(ArchSearchSpace.NLayers, a.NLayers) - Ordinal(ArchSearchSpace.NLayers, b.NLayers);
        double h = Ordinal(ArchSearchSpace.NHeads, a.NHeads) - Ordinal(ArchSearchSpace.NHeads, b.NHeads);
        double f = Ordinal(ArchSearchSpace.DFf, a.DFf) - Ordinal(ArchSearchSpace.DFf, b.DFf);
        return Math.Sqrt((d * d) + (l * l) + (h * h) + (f * f));
    }

    private static double Ordinal(IReadOnlyList<int> values, int value)
    {
        int i = 0;
        while (i < values.Count - 1 && values[i] < value)
        {
            i++;
        }

        return values.Count == 1 ? 0 : i / (double)(values.Count - 1);
    }
}
