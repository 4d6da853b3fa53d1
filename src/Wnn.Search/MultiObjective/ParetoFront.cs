namespace Wnn.Search.MultiObjective;

/// <summary>Pareto dominance, non-dominated sorting, crowding distance and hypervolume for vectors of objective values.</summary>
public static class ParetoFront
{
    /// <summary>True when a is no worse than b in every objective and better in at least one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<StudyDirection> directions)
    {
        bool better = false;
        for (int i = 0; i < directions.Count; i++)
        {
            double x = directions[i] == StudyDirection.Minimize ? a[i] : -a[i];
            double y = directions[i] == StudyDirection.Minimize ? b[i] : -b[i];
            if (x > y)
            {
                return false;
            }

            better |= x < y;
        }

        return better;
    }

    /// <summary>Indices of the points that no other point dominates.</summary>
    public static IReadOnlyList<int> NonDominatedIndices(IReadOnlyList<double[]> points, IReadOnlyList<StudyDirection> directions)
    {
        var result = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            bool dominated = false;
            for (int j = 0; j < points.Count && !dominated; j++)
            {
                dominated = j != i && Dominates(points[j], points[i], directions);
            }

            if (!dominated)
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>Front rank of every point (0 = non-dominated), by repeated peeling.</summary>
    public static int[] NonDominatedRanks(IReadOnlyList<double[]> points, IReadOnlyList<StudyDirection> directions)
    {
        int n = points.Count;
        int[] dominatedByCount = new int[n];
        var dominates = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            dominates[i] = [];
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (Dominates(points[i], points[j], directions))
                {
                    dominates[i].Add(j);
                    dominatedByCount[j]++;
                }
                else if (Dominates(points[j], points[i], directions))
                {
                    dominates[j].Add(i);
                    dominatedByCount[i]++;
                }
            }
        }

        int[] rank = new int[n];
        var current = Enumerable.Range(0, n).Where(i => dominatedByCount[i] == 0).ToList();
        int r = 0;
        while (current.Count > 0)
        {
            var next = new List<int>();
            foreach (int i in current)
            {
                rank[i] = r;
                foreach (int j in dominates[i])
                {
                    if (--dominatedByCount[j] == 0)
                    {
                        next.Add(j);
                    }
                }
            }

            current = next;
            r++;
        }

        return rank;
    }

    /// <summary>Crowding distance of each point within one front (boundary points: infinity).</summary>
    public static double[] CrowdingDistances(IReadOnlyList<double[]> front)
    {
        int n = front.Count;
        double[] distance = new double[n];
        if (n <= 2)
        {
            Array.Fill(distance, double.PositiveInfinity);
            return distance;
        }

        int m = front[0].Length;
        int[] order = new int[n];
        for (int k = 0; k < m; k++)
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => front[a][k].CompareTo(front[b][k]) is int c && c != 0 ? c : a.CompareTo(b));
            double span = front[order[n - 1]][k] - front[order[0]][k];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[n - 1]] = double.PositiveInfinity;
            if (span <= 0 || !double.IsFinite(span))
            {
                continue;
            }

            for (int i = 1; i < n - 1; i++)
            {
                distance[order[i]] += (front[order[i + 1]][k] - front[order[i - 1]][k]) / span;
            }
        }

        return distance;
    }

    /// <summary>The hypervolume dominated by the points and bounded by the reference point (both in the study's directions).</summary>
    public static double Hypervolume(IReadOnlyList<double[]> points, IReadOnlyList<double> reference, IReadOnlyList<StudyDirection> directions)
    {
        int m = directions.Count;
        double[] r = new double[m];
        for (int k = 0; k < m; k++)
        {
            r[k] = directions[k] == StudyDirection.Minimize ? reference[k] : -reference[k];
        }

        var minimized = new List<double[]>();
        foreach (double[] p in points)
        {
            double[] q = new double[m];
            bool inside = true;
            for (int k = 0; k < m; k++)
            {
                q[k] = directions[k] == StudyDirection.Minimize ? p[k] : -p[k];
                inside &= q[k] < r[k];
            }

            if (inside)
            {
                minimized.Add(q);
            }
        }

        return HypervolumeMin(minimized, r);
    }

    private static double HypervolumeMin(List<double[]> points, double[] r)
    {
        int m = r.Length;
        if (points.Count == 0)
        {
            return 0;
        }

        if (m == 1)
        {
            return r[0] - points.Min(p => p[0]);
        }

        if (m == 2)
        {
            var sorted = points.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
            double volume = 0;
            double bestY = r[1];
            foreach (double[] p in sorted)
            {
                if (p[1] < bestY)
                {
                    volume += (r[0] - p[0]) * (bestY - p[1]);
                    bestY = p[1];
                }
            }

            return volume;
        }

        // Slice along the last objective: between consecutive levels the cross-section is the (m-1)-d hypervolume of points below.
        var byLast = points.OrderBy(p => p[m - 1]).ToList();
        double[] subRef = r[..(m - 1)];
        double total = 0;
        var active = new List<double[]>();
        for (int i = 0; i < byLast.Count; i++)
        {
            active.Add(byLast[i][..(m - 1)]);
            double upper = i + 1 < byLast.Count ? byLast[i + 1][m - 1] : r[m - 1];
            double height = upper - byLast[i][m - 1];
            if (height > 0)
            {
                total += height * HypervolumeMin(active, subRef);
            }
        }

        return total;
    }
}
