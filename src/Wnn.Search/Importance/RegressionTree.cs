namespace Wnn.Search.Importance;

/// <summary>
/// A CART regression tree on the unit cube, returned as its leaves (boxes with constant values). Rows are presorted
/// once per feature and each split partitions the sorted lists stably, so a level costs O(rows × features) instead
/// of a sort per node and feature.
/// </summary>
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

    /// <summary>Per feature, the row indices of <paramref name="x"/> in ascending order of that feature (ties by index).</summary>
    public static int[][] SortedRows(double[][] x, int d)
    {
        int[][] sorted = new int[d][];
        for (int j = 0; j < d; j++)
        {
            double[] keys = new double[x.Length];
            int[] rows = new int[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                keys[i] = x[i][j];
                rows[i] = i;
            }

            Array.Sort(keys, rows);
            sorted[j] = rows;
        }

        return sorted;
    }

    /// <summary>Fits a tree to the rows of <paramref name="sample"/> (a bootstrap: indices may repeat); <paramref name="sortedRows"/> comes from <see cref="SortedRows"/>.</summary>
    public static List<Leaf> Fit(double[][] x, double[] y, int[] sample, int[][] sortedRows, int d, int maxDepth, int minLeaf)
    {
        int m = sample.Length;
        int[] multiplicity = new int[x.Length];
        foreach (int r in sample)
        {
            multiplicity[r]++;
        }

        // Positions are slots of the sample; each feature's list holds the node's slots in ascending feature order.
        var state = new Grower(Columns(x, d), y, d, maxDepth, minLeaf, m);
        for (int j = 0; j < d; j++)
        {
            int[] order = state.Sorted[j];
            int k = 0;
            foreach (int row in sortedRows[j])
            {
                for (int c = 0; c < multiplicity[row]; c++)
                {
                    order[k++] = row;
                }
            }
        }

        double[] lower = new double[d];
        double[] upper = new double[d];
        Array.Fill(upper, 1.0);
        var leaves = new List<Leaf>();
        state.Grow(0, m, 0, lower, upper, leaves);
        return leaves;
    }

    /// <summary>The matrix by column (<c>columns[j][row]</c>), so that a scan along one feature reads one array.</summary>
    public static double[][] Columns(double[][] x, int d)
    {
        double[][] columns = new double[d][];
        for (int j = 0; j < d; j++)
        {
            double[] column = columns[j] = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                column[i] = x[i][j];
            }
        }

        return columns;
    }

    private sealed class Grower(double[][] columns, double[] y, int d, int maxDepth, int minLeaf, int m)
    {
        public int[][] Sorted { get; } = [.. Enumerable.Range(0, d).Select(_ => new int[m])];

        private readonly bool[] _left = new bool[columns[0].Length];
        private readonly int[] _buffer = new int[m];

        public void Grow(int lo, int hi, int depth, double[] lower, double[] upper, List<Leaf> leaves)
        {
            int count = hi - lo;
            int[] rows0 = Sorted[0];
            double total = 0, totalSq = 0;
            for (int i = lo; i < hi; i++)
            {
                double v = y[rows0[i]];
                total += v;
                totalSq += v * v;
            }

            double mean = total / count;
            int bestFeature = -1;
            double bestThreshold = 0, bestScore = double.PositiveInfinity;
            if (depth < maxDepth && count >= 2 * minLeaf)
            {
                double parentSse = totalSq - (total * total / count);
                if (parentSse > 1e-12 * Math.Max(1, totalSq))
                {
                    for (int j = 0; j < d; j++)
                    {
                        int[] order = Sorted[j];
                        double[] column = columns[j];
                        double leftSum = 0, leftSq = 0;
                        double next = column[order[lo]];
                        for (int i = lo; i < hi - 1; i++)
                        {
                            double v = y[order[i]];
                            leftSum += v;
                            leftSq += v * v;
                            int nl = i - lo + 1, nr = count - nl;
                            double here = next;
                            next = column[order[i + 1]];
                            if (nl < minLeaf || nr < minLeaf || here == next)
                            {
                                continue;
                            }

                            double rightSum = total - leftSum;
                            double sse = (leftSq - (leftSum * leftSum / nl)) + ((totalSq - leftSq) - (rightSum * rightSum / nr));
                            if (sse < bestScore - 1e-12)
                            {
                                bestScore = sse;
                                bestFeature = j;
                                bestThreshold = 0.5 * (here + next);
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

            int mid = Partition(lo, hi, bestFeature, bestThreshold);
            double savedUpper = upper[bestFeature];
            upper[bestFeature] = bestThreshold;
            Grow(lo, mid, depth + 1, lower, upper, leaves);
            upper[bestFeature] = savedUpper;
            double savedLower = lower[bestFeature];
            lower[bestFeature] = bestThreshold;
            Grow(mid, hi, depth + 1, lower, upper, leaves);
            lower[bestFeature] = savedLower;
        }

        // Splits every feature's slice [lo, hi) stably into rows at or below the threshold, then the rest; returns the boundary.
        private int Partition(int lo, int hi, int feature, double threshold)
        {
            int[] byFeature = Sorted[feature];
            double[] column = columns[feature];
            for (int i = lo; i < hi; i++)
            {
                int r = byFeature[i];
                _left[r] = column[r] <= threshold;
            }

            int mid = lo;
            for (int j = 0; j < d; j++)
            {
                int[] order = Sorted[j];
                int l = lo, b = 0;
                for (int i = lo; i < hi; i++)
                {
                    int r = order[i];
                    if (_left[r])
                    {
                        order[l++] = r;
                    }
                    else
                    {
                        _buffer[b++] = r;
                    }
                }

                Array.Copy(_buffer, 0, order, l, b);
                mid = l;
            }

            return mid;
        }
    }
}
