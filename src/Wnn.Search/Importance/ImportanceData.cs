using Wnn.Search.Samplers;

namespace Wnn.Search.Importance;

/// <summary>The feature matrix (parameters in unit space) and targets used by importance and correlation analyses.</summary>
internal sealed record ImportanceData(string[] Names, double[][] X, double[] Y)
{
    public static ImportanceData From(Study study, IReadOnlyList<string>? parameters, Func<FrozenTrial, double>? target)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (target is null && study.IsMultiObjective)
        {
            throw new ArgumentException("This study has several objectives; pass a target selecting one value.", nameof(target));
        }

        target ??= t => t.Values![0];
        List<FrozenTrial> trials = [.. study.GetTrials(TrialState.Complete).Where(t => t.Values is not null)];
        IReadOnlyDictionary<string, ParameterDistribution> space = SearchSpaces.Intersection(trials);
        string[] names;
        if (parameters is null)
        {
            names = [.. space.Keys];
        }
        else
        {
            foreach (string p in parameters)
            {
                if (!space.ContainsKey(p))
                {
                    throw new ArgumentException(
                        $"Parameter '{p}' is not present with one distribution in every complete trial; available: {string.Join(", ", space.Keys)}.", nameof(parameters));
                }
            }

            names = [.. parameters];
        }

        if (trials.Count < 2)
        {
            throw new InvalidOperationException($"Importance needs at least 2 complete trials; study '{study.Name}' has {trials.Count}.");
        }

        if (names.Length == 0)
        {
            throw new InvalidOperationException("No parameter is shared by every complete trial, so there is nothing to evaluate.");
        }

        double[][] x = [.. trials.Select(t => names.Select(n => space[n].ToUnit(t.InternalParams[n])).ToArray())];
        double[] y = [.. trials.Select(target)];
        if (y.Any(v => !double.IsFinite(v)))
        {
            throw new InvalidOperationException("The target is not finite for every complete trial.");
        }

        return new ImportanceData(names, x, y);
    }
}
