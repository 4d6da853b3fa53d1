namespace Wnn.Search.Importance;

/// <summary>Rank correlations (Spearman's rho, Kendall's tau-b) between each parameter and the objective.</summary>
public static class RankCorrelation
{
    /// <summary>Spearman's rho: the Pearson correlation of average ranks (0 when either side is constant).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckLengths(x, y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Spearman's rho of every pair of equally long columns (1 on the diagonal), ranking each column once.</summary>
    public static double[][] SpearmanMatrix(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        double[][] ranks = new double[columns.Count][];
        for (int i = 0; i < columns.Count; i++)
        {
            CheckLengths(columns[i], columns[0]);
            ranks[i] = Ranks(columns[i]);
        }

        double[][] rho = new double[columns.Count][];
        for (int i = 0; i < columns.Count; i++)
        {
            rho[i] = new double[columns.Count];
            for (int j = 0; j < columns.Count; j++)
            {
                rho[i][j] = i == j ? 1 : j < i ? rho[j][i] : Pearson(ranks[i], ranks[j]);
            }
        }

        return rho;
    }

    /// <summary>Kendall's tau-b, which corrects for ties (0 when either side is constant).</summary>
    public static double Kendall(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckLengths(x, y);
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
        for (int i = 0; i < x.Count; i++)
        {
            for (int j = i + 1; j < x.Count; j++)
            {
                int sx = Math.Sign(x[i] - x[j]);
                int sy = Math.Sign(y[i] - y[j]);
                if (sx == 0 && sy == 0)
                {
                    continue;
                }

                if (sx == 0)
                {
                    tiesX++;
                }
                else if (sy == 0)
                {
                    tiesY++;
                }
                else if (sx == sy)
                {
                    concordant++;
                }
                else
                {
                    discordant++;
                }
            }
        }

        double denominator = Math.Sqrt((double)(concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denominator == 0 ? 0 : (concordant - discordant) / denominator;
    }

    /// <summary>For each parameter shared by all complete trials: (Spearman, Kendall) against the objective (or a target).</summary>
    public static IReadOnlyDictionary<string, (double Spearman, double Kendall)> ForStudy(Study study, IReadOnlyList<string>? parameters = null, Func<FrozenTrial, double>? target = null)
    {
        ImportanceData data = ImportanceData.From(study, parameters, target);
        var result = new Dictionary<string, (double, double)>();
        for (int j = 0; j < data.Names.Length; j++)
        {
            double[] column = [.. data.X.Select(row => row[j])];
            result[data.Names[j]] = (Spearman(column, data.Y), Kendall(column, data.Y));
        }

        return result;
    }

    private static void CheckLengths(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException($"Rank correlation needs two samples of equal length >= 2, got {x.Count} and {y.Count}.", nameof(y));
        }
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        double[] keys = [.. v];
        int[] order = [.. Enumerable.Range(0, v.Count)];
        Array.Sort(keys, order);
        double[] ranks = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]])
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = 0.5 * (i + j);
            }

            i = j + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
