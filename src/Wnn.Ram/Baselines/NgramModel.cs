namespace Wnn.Ram.Baselines;

/// <summary>The fitted counts of <see cref="NgramBaselines"/> and the probabilities and argmaxes they give.</summary>
internal sealed class NgramModel
{
    private readonly int _v;
    private readonly double _unigramDenominator;
    private readonly double _alpha;
    private readonly int[] _counts;
    private readonly ContinuationTable _bigrams;
    private readonly double _bigramDiscount;
    private readonly ContinuationTable _trigrams;
    private readonly double _trigramDiscount;
    private readonly ContinuationTable _middle;
    private readonly double _middleDiscount;
    private readonly int[] _lowest;
    private readonly double _lowestDiscount;
    private readonly double _lowestTypes;
    private readonly int _lowestDistinct;
    private readonly int _lowestArgmax;

    public NgramModel(ReadOnlySpan<int> train, int vocabularySize, double alpha)
    {
        _v = vocabularySize;
        _alpha = alpha;
        _counts = new int[vocabularySize];
        foreach (int t in train)
        {
            _counts[t]++;
        }

        _unigramDenominator = train.Length + (alpha * vocabularySize);
        UnigramArgmax = ArgmaxLowestId(_counts);

        var bigramPairs = new Dictionary<long, int>();
        for (int i = 0; i + 1 < train.Length; i++)
        {
            long key = ((long)train[i] * _v) + train[i + 1];
            bigramPairs[key] = bigramPairs.GetValueOrDefault(key) + 1;
        }

        var trigramPairs = new Dictionary<long, int>();
        for (int i = 0; i + 2 < train.Length; i++)
        {
            long key = ((((long)train[i] * _v) + train[i + 1]) * _v) + train[i + 2];
            trigramPairs[key] = trigramPairs.GetValueOrDefault(key) + 1;
        }

        _bigrams = ContinuationTable.FromPairs(bigramPairs, _v);
        _bigramDiscount = Discount(_bigrams.AllCounts);
        _trigrams = ContinuationTable.FromPairs(trigramPairs, _v);
        _trigramDiscount = Discount(_trigrams.AllCounts);

        // Kneser–Ney continuation counts: N1+(• v w) = distinct u before (v, w); N1+(• w) = distinct v before w.
        var middlePairs = new Dictionary<long, int>();
        foreach (long key in trigramPairs.Keys)
        {
            long vw = key % ((long)_v * _v);
            middlePairs[vw] = middlePairs.GetValueOrDefault(vw) + 1;
        }

        _middle = ContinuationTable.FromPairs(middlePairs, _v);
        _middleDiscount = Discount(_middle.AllCounts);
        _lowest = new int[vocabularySize];
        foreach (long key in bigramPairs.Keys)
        {
            _lowest[(int)(key % _v)]++;
        }

        _lowestTypes = bigramPairs.Count;
        _lowestDistinct = _lowest.Count(c => c > 0);
        _lowestDiscount = Discount(_lowest.Where(c => c > 0).ToArray());
        _lowestArgmax = ArgmaxLowestId(_lowest);
    }

    public int UnigramArgmax { get; }

    public double Unigram(int w) => (_counts[w] + _alpha) / _unigramDenominator;

    public double Bigram(int v, int w)
    {
        if (!_bigrams.TryGetRow(v, out ContinuationTable.Row row))
        {
            return Unigram(w);
        }

        return Interpolate(row.CountOf(w), row, _bigramDiscount, Unigram(w));
    }

    public int BigramArgmax(int v)
    {
        int best = UnigramArgmax;
        double bestP = Bigram(v, best);
        if (_bigrams.TryGetRow(v, out ContinuationTable.Row row))
        {
            ReadOnlySpan<int> tokens = row.Tokens.Span;
            ReadOnlySpan<int> counts = row.Counts.Span;
            for (int i = 0; i < tokens.Length; i++)
            {
                double p = Interpolate(counts[i], row, _bigramDiscount, Unigram(tokens[i]));
                (best, bestP) = Better(tokens[i], p, best, bestP);
            }
        }

        return best;
    }

    public double Trigram(int u, int v, int w)
    {
        double lower = Middle(v, w);
        if (u < 0 || !_trigrams.TryGetRow(((long)u * _v) + v, out ContinuationTable.Row row))
        {
            return lower;
        }

        return Interpolate(row.CountOf(w), row, _trigramDiscount, lower);
    }

    public int TrigramArgmax(int u, int v)
    {
        // Tokens seen after (u, v) are all seen after v, so v's continuations plus the lowest order's argmax cover every
        // token whose probability is not the lowest order's scaled by the same back-off weights.
        int best = _lowestArgmax;
        double bestP = Trigram(u, v, best);
        if (_middle.TryGetRow(v, out ContinuationTable.Row row))
        {
            foreach (int w in row.Tokens.Span)
            {
                (best, bestP) = Better(w, Trigram(u, v, w), best, bestP);
            }
        }

        return best;
    }

    private double Middle(int v, int w)
    {
        double lower = Lowest(w);
        if (!_middle.TryGetRow(v, out ContinuationTable.Row row))
        {
            return lower;
        }

        return Interpolate(row.CountOf(w), row, _middleDiscount, lower);
    }

    private double Lowest(int w)
    {
        double uniform = 1.0 / _v;
        if (_lowestTypes == 0)
        {
            return uniform;
        }

        return (Math.Max(_lowest[w] - _lowestDiscount, 0) / _lowestTypes) + (_lowestDiscount * _lowestDistinct / _lowestTypes * uniform);
    }

    private static double Interpolate(int count, ContinuationTable.Row row, double discount, double lower) =>
        (Math.Max(count - discount, 0) / row.Total) + (discount * row.Distinct / row.Total * lower);

    private static (int Token, double P) Better(int token, double p, int best, double bestP) =>
        p > bestP || (p == bestP && token < best) ? (token, p) : (best, bestP);

    /// <summary>Ney's estimate D = n1 / (n1 + 2·n2) from the counts of counts; 0.5 when no count is 1.</summary>
    private static double Discount(ReadOnlySpan<int> counts)
    {
        long n1 = 0, n2 = 0;
        foreach (int c in counts)
        {
            n1 += c == 1 ? 1 : 0;
            n2 += c == 2 ? 1 : 0;
        }

        return n1 == 0 ? 0.5 : (double)n1 / (n1 + (2 * n2));
    }

    private static int ArgmaxLowestId(int[] counts)
    {
        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return best;
    }
}
