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
        int d = data.Names.Length;
        double[] sums = new double[d];
        int usedTrees = 0;
        var random = new SearchRandom(_seed);
        int n = data.Y.Length;
        for (int tree = 0; tree < _nTrees; tree++)
        {
            int[] sample = new int[n];
            for (int i = 0; i < n; i++)
            {
                sample[i] = random.NextInt(n);
            }

            List<RegressionTree.Leaf> leaves = RegressionTree.Fit(data.X, data.Y, sample, d, _maxDepth, _minSamplesLeaf);
            double[]? fractions = MarginalVarianceFractions(leaves, d);
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
        foreach (int j in Enumerable.Range(0, d).OrderByDescending(j => sums[j]).ThenBy(j => data.Names[j], StringComparer.Ordinal))
        {
            result[data.Names[j]] = usedTrees == 0 || total <= 0 ? 1.0 / d : sums[j] / total;
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
        for (int j = 0; j < d; j++)
        {
            double[] cuts = [.. leaves.SelectMany(l => new[] { l.Lower[j], l.Upper[j] }).Distinct().Order()];
            double[] delta = new double[cuts.Length];
            foreach (RegressionTree.Leaf leaf in leaves)
            {
                double width = leaf.Upper[j] - leaf.Lower[j];
                double contribution = leaf.Value * leaf.Volume / width;
                delta[Array.BinarySearch(cuts, leaf.Lower[j])] += contribution;
                delta[Array.BinarySearch(cuts, leaf.Upper[j])] -= contribution;
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
