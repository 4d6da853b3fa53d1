namespace Wnn.Search.Importance;

/// <summary>
/// fANOVA-style importance: a random forest of regression trees is fitted on the parameters (in unit space, categorical
/// choices as equal-width cells); for each tree the variance of each parameter's marginal (the tree averaged over all other
/// parameters, uniformly) is divided by the tree's total variance; fractions are averaged over trees and normalized.
/// Only main effects are measured (no pairwise interactions).
/// </summary>
public sealed class FanovaImportanceEvaluator : IImportanceEvaluator
{
    private readonly int _nTrees;
    private readonly int _maxDepth;
    private readonly int _minSamplesLeaf;
    private readonly long _seed;

    /// <summary>Creates the evaluator (64 trees of depth at most 64, as Optuna's default).</summary>
    public FanovaImportanceEvaluator(int nTrees = 64, int maxDepth = 64, int minSamplesLeaf = 1, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nTrees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamplesLeaf, 1);
        _nTrees = nTrees;
        _maxDepth = maxDepth;
        _minSamplesLeaf = minSamplesLeaf;
        _seed = seed;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(Study study, IReadOnlyList<string>? parameters = null, Func<FrozenTrial, double>? target = null)
    {
        ImportanceData data = ImportanceData.From(study, parameters, target);
        return Evaluate(data.Names, data.X, data.Y);
    }

    /// <summary>
    /// Importance of the columns of <paramref name="unit"/> (rows are trials, values in [0, 1] as
    /// <see cref="ParameterDistribution.ToUnit"/> gives) against the finite targets <paramref name="y"/>, largest first.
    /// Trees are fitted in parallel; the result does not depend on the thread count.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<string> names, double[][] unit, double[] y)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(y);
        if (unit.Length != y.Length || unit.Length < 2 || names.Count == 0 || unit.Any(r => r.Length != names.Count))
        {
            throw new ArgumentException($"fANOVA needs at least 2 rows of {names.Count} values with one target each, got {unit.Length} rows and {y.Length} targets.", nameof(unit));
        }

        int d = names.Count;
        int n = y.Length;
        var random = new SearchRandom(_seed);
        int[][] samples = new int[_nTrees][];
        for (int tree = 0; tree < _nTrees; tree++)
        {
            samples[tree] = new int[n];
            for (int i = 0; i < n; i++)
            {
                samples[tree][i] = random.NextInt(n);
            }
        }

        int[][] sorted = RegressionTree.SortedRows(unit, d);
        double[]?[] perTree = new double[_nTrees][];
        Parallel.For(0, _nTrees, tree => perTree[tree] = MarginalVarianceFractions(RegressionTree.Fit(unit, y, samples[tree], sorted, d, _maxDepth, _minSamplesLeaf), d));
        double[] sums = new double[d];
        int usedTrees = 0;
        foreach (double[]? fractions in perTree)
        {
            if (fractions is null)
            {
                continue;
            }

            usedTrees++;
            for (int j = 0; j < d; j++)
            {
                sums[j] += fractions[j];
            }
        }

        double total = sums.Sum();
        var result = new Dictionary<string, double>();
        foreach (int j in Enumerable.Range(0, d).OrderByDescending(j => sums[j]).ThenBy(j => names[j], StringComparer.Ordinal))
        {
            result[names[j]] = usedTrees == 0 || total <= 0 ? 1.0 / d : sums[j] / total;
        }

        return result;
    }

    /// <summary>Per feature: Var(marginal) / Var(tree) under the uniform measure on the unit cube; null for a constant tree.</summary>
    private static double[]? MarginalVarianceFractions(List<RegressionTree.Leaf> leaves, int d)
    {
        double mean = 0;
        foreach (RegressionTree.Leaf leaf in leaves)
        {
            mean += leaf.Volume * leaf.Value;
        }

        double variance = 0;
        foreach (RegressionTree.Leaf leaf in leaves)
        {
            variance += leaf.Volume * (leaf.Value - mean) * (leaf.Value - mean);
        }

        if (variance <= 1e-300)
        {
            return null;
        }

        double[] fractions = new double[d];
        double[] bounds = new double[2 * leaves.Count];
        double[] delta = new double[bounds.Length];
        for (int j = 0; j < d; j++)
        {
            // The distinct leaf bounds along feature j, ascending (the same set LINQ's Distinct().Order() gave, without its allocations).
            for (int l = 0; l < leaves.Count; l++)
            {
                bounds[2 * l] = leaves[l].Lower[j];
                bounds[(2 * l) + 1] = leaves[l].Upper[j];
            }

            Array.Sort(bounds);
            int distinct = 0;
            for (int i = 0; i < bounds.Length; i++)
            {
                if (distinct == 0 || bounds[i] != bounds[distinct - 1])
                {
                    bounds[distinct++] = bounds[i];
                }
            }

            ReadOnlySpan<double> cuts = bounds.AsSpan(0, distinct);
            Array.Clear(delta);
            foreach (RegressionTree.Leaf leaf in leaves)
            {
                double width = leaf.Upper[j] - leaf.Lower[j];
                double contribution = leaf.Value * leaf.Volume / width;
                delta[cuts.BinarySearch(leaf.Lower[j])] += contribution;
                delta[cuts.BinarySearch(leaf.Upper[j])] -= contribution;
            }

            double marginal = 0;
            double varianceJ = 0;
            for (int k = 0; k < cuts.Length - 1; k++)
            {
                marginal += delta[k];
                varianceJ += (cuts[k + 1] - cuts[k]) * (marginal - mean) * (marginal - mean);
            }

            fractions[j] = varianceJ / variance;
        }

        return fractions;
    }
}
