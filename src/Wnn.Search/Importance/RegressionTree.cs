namespace Wnn.Search.Importance;

/// <summary>A CART regression tree on the unit cube, returned as its leaves (boxes with constant values).</summary>
internal static class RegressionTree
{
    public sealed record Leaf(double[] Lower, double[] Upper, double Value)
    {
        public double Volume
        {
            get
            {
                double v = 1;
                for (int j = 0; j < Lower.Length; j++)
                {
                    v *= Upper[j] - Lower[j];
                }

                return v;
            }
        }
    }

    public static List<Leaf> Fit(double[][] x, double[] y, int[] sample, int d, int maxDepth, int minLeaf)
    {
        var leaves = new List<Leaf>();
        double[] lower = new double[d];
        double[] upper = new double[d];
        Array.Fill(upper, 1.0);
        Grow(x, y, sample, d, 0, maxDepth, minLeaf, lower, upper, leaves);
        return leaves;
    }

    private static void Grow(double[][] x, double[] y, int[] rows, int d, int depth, int maxDepth, int minLeaf, double[] lower, double[] upper, List<Leaf> leaves)
    {
        double mean = rows.Average(r => y[r]);
        int bestFeature = -1;
        double bestThreshold = 0, bestScore = double.PositiveInfinity;
        if (depth < maxDepth && rows.Length >= 2 * minLeaf)
        {
            double total = rows.Sum(r => y[r]);
            double totalSq = rows.Sum(r => y[r] * y[r]);
            double parentSse = totalSq - (total * total / rows.Length);
            if (parentSse > 1e-12 * Math.Max(1, totalSq))
            {
                int[] order = new int[rows.Length];
                for (int j = 0; j < d; j++)
                {
                    Array.Copy(rows, order, rows.Length);
                    Array.Sort(order, (a, b) => x[a][j].CompareTo(x[b][j]));
                    double leftSum = 0, leftSq = 0;
                    for (int i = 0; i < order.Length - 1; i++)
                    {
                        double v = y[order[i]];
                        leftSum += v;
                        leftSq += v * v;
                        int nl = i + 1, nr = order.Length - nl;
                        if (nl < minLeaf || nr < minLeaf || x[order[i]][j] == x[order[i + 1]][j])
                        {
                            continue;
                        }

                        double rightSum = total - leftSum;
                        double sse = (leftSq - (leftSum * leftSum / nl)) + ((totalSq - leftSq) - (rightSum * rightSum / nr));
                        if (sse < bestScore - 1e-12)
                        {
                            bestScore = sse;
                            bestFeature = j;
                            bestThreshold = 0.5 * (x[order[i]][j] + x[order[i + 1]][j]);
                        }
                    }
                }
            }
        }

        if (bestFeature < 0)
        {
            leaves.Add(new Leaf((double[])lower.Clone(), (double[])upper.Clone(), mean));
            return;
        }

        int[] left = [.. rows.Where(r => x[r][bestFeature] <= bestThreshold)];
        int[] right = [.. rows.Where(r => x[r][bestFeature] > bestThreshold)];
        double savedUpper = upper[bestFeature];
        upper[bestFeature] = bestThreshold;
        Grow(x, y, left, d, depth + 1, maxDepth, minLeaf, lower, upper, leaves);
        upper[bestFeature] = savedUpper;
        double savedLower = lower[bestFeature];
        lower[bestFeature] = bestThreshold;
        Grow(x, y, right, d, depth + 1, maxDepth, minLeaf, lower, upper, leaves);
        lower[bestFeature] = savedLower;
    }
}
