using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Evaluation;

/// <summary>Seeded Zipf-like token streams with a little sequential structure, for evaluator tests.</summary>
internal static class SyntheticCorpus
{
    public static int[] Tokens(int vocabulary, int length, ulong seed)
    {
        var rng = new Rng(seed);
        var cumulative = new double[vocabulary];
        double total = 0;
        for (int t = 0; t < vocabulary; t++)
        {
            total += 1.0 / (t + 1);
            cumulative[t] = total;
        }

        var tokens = new int[length];
        for (int i = 0; i < length; i++)
        {
            // Half the time follow a fixed successor rule so contexts carry information.
            if (i > 0 && rng.NextDouble() < 0.5)
            {
                tokens[i] = ((tokens[i - 1] * 7) + 3) % vocabulary;
                continue;
            }

            double u = rng.NextDouble() * total;
            int lo = 0, hi = vocabulary - 1;
            while (lo < hi)
            {
                int m = (lo + hi) / 2;
                if (cumulative[m] < u)
                {
                    lo = m + 1;
                }
                else
                {
                    hi = m;
                }
            }

            tokens[i] = lo;
        }

        return tokens;
    }

    public static EvaluationData Data(int vocabulary, int trainLength, int evalLength, ModelOptions options, ulong seed = 1)
    {
        int[] train = Tokens(vocabulary, trainLength, seed);
        int[] eval = Tokens(vocabulary, evalLength, seed + 1000);
        var order = ClusterOrder.FromTokens(train, vocabulary);
        return EvaluationData.Create(order, train, eval, options);
    }
}
