namespace Wnn.Search.Samplers;

/// <summary>Cyclic Jacobi eigen-decomposition of a small symmetric matrix.</summary>
internal static class SymmetricEigen
{
    /// <summary>Writes eigenvectors (columns of vectors) and eigenvalues of the symmetric matrix a (a is not modified).</summary>
    public static void Decompose(double[,] a, double[,] vectors, double[] values)
    {
        int n = values.Length;
        double[,] m = (double[,])a.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vectors[i, j] = i == j ? 1 : 0;
            }
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += m[p, q] * m[p, q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (Math.Abs(m[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[k, p];
                        double mkq = m[k, q];
                        m[k, p] = (c * mkp) - (s * mkq);
                        m[k, q] = (s * mkp) + (c * mkq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[p, k];
                        double mqk = m[q, k];
                        m[p, k] = (c * mpk) - (s * mqk);
                        m[q, k] = (s * mpk) + (c * mqk);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[k, p];
                        double vkq = vectors[k, q];
                        vectors[k, p] = (c * vkp) - (s * vkq);
                        vectors[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            values[i] = m[i, i];
        }
    }
}
