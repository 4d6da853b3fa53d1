using Wnn.Search.Importance;

namespace Wnn.Search.Tests;

/// <summary>The presorted tree against the plain CART it replaced (a sort per node and feature), kept here as the reference.</summary>
public sealed class RegressionTreeTests
{
    private static List<RegressionTree.Leaf> Reference(double[][] x, double[] y, int[] sample, int d, int maxDepth, int minLeaf)
    {
        var leaves = new List<RegressionTree.Leaf>();
        double[] lower = new double[d], upper = new double[d];
        Array.Fill(upper, 1.0);
        Grow(sample, 0);
        return leaves;

        void Grow(int[] rows, int depth)
        {
            double mean = rows.Average(r => y[r]);
            int bestFeature = -1;
            double bestThreshold = 0, bestScore = double.PositiveInfinity;
            double total = rows.Sum(r => y[r]), totalSq = rows.Sum(r => y[r] * y[r]);
            if (depth < maxDepth && rows.Length >= 2 * minLeaf && totalSq - (total * total / rows.Length) > 1e-12 * Math.Max(1, totalSq))
            {
                for (int j = 0; j < d; j++)
                {
                    int[] order = [.. rows.OrderBy(r => x[r][j])];
                    double leftSum = 0, leftSq = 0;
                    for (int i = 0; i < order.Length - 1; i++)
                    {
                        leftSum += y[order[i]];
                        leftSq += y[order[i]] * y[order[i]];
                        int nl = i + 1, nr = order.Length - nl;
                        if (nl < minLeaf || nr < minLeaf || x[order[i]][j] == x[order[i + 1]][j])
                        {
                            continue;
                        }

                        double rightSum = total - leftSum;
                        double sse = (leftSq - (leftSum * leftSum / nl)) + ((totalSq - leftSq) - (rightSum * rightSum / nr));
                        if (sse < bestScore - 1e-12)
                        {
                            (bestScore, bestFeature, bestThreshold) = (sse, j, 0.5 * (x[order[i]][j] + x[order[i + 1]][j]));
                        }
                    }
                }
            }

            if (bestFeature < 0)
            {
                leaves.Add(new RegressionTree.Leaf((double[])lower.Clone(), (double[])upper.Clone(), mean));
                return;
            }

            double saved = upper[bestFeature];
            upper[bestFeature] = bestThreshold;
            Grow([.. rows.Where(r => x[r][bestFeature] <= bestThreshold)], depth + 1);
            upper[bestFeature] = saved;
            saved = lower[bestFeature];
            lower[bestFeature] = bestThreshold;
            Grow([.. rows.Where(r => x[r][bestFeature] > bestThreshold)], depth + 1);
            lower[bestFeature] = saved;
        }
    }

    [Theory]
    [InlineData(300, 3, 64, 1, 1)]
    [InlineData(500, 5, 6, 3, 2)]
    [InlineData(200, 2, 64, 1, 3)]
    public void Presorted_tree_has_the_reference_leaves(int n, int d, int maxDepth, int minLeaf, int seed)
    {
        var random = new Random(seed);
        // Values on a coarse lattice so that ties (equal values in a feature) occur, as with int and categorical parameters.
        double[][] x = [.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(j => j == 0 ? random.Next(8) / 7.0 : random.NextDouble()).ToArray())];
        double[] y = [.. x.Select(r => (3 * r[0]) + Math.Sin(6 * r[1 % d]) + (0.1 * random.NextDouble()))];
        int[] sample = [.. Enumerable.Range(0, n).Select(_ => random.Next(n))];
        List<RegressionTree.Leaf> expected = Reference(x, y, sample, d, maxDepth, minLeaf);
        List<RegressionTree.Leaf> actual = RegressionTree.Fit(x, y, sample, RegressionTree.SortedRows(x, d), d, maxDepth, minLeaf);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Lower, actual[i].Lower);
            Assert.Equal(expected[i].Upper, actual[i].Upper);
            Assert.Equal(expected[i].Value, actual[i].Value, 9);
        }
    }
}
