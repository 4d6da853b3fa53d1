namespace Wnn.Ram.Baselines;

/// <summary>
/// Counts of (history, token) pairs grouped by history: for each history its tokens in ascending id order with their
/// counts, their sum and how many distinct tokens it has (compressed rows, built once).
/// </summary>
internal sealed class ContinuationTable
{
    private readonly Dictionary<long, int> _rowOf;
    private readonly int[] _start;
    private readonly int[] _tokens;
    private readonly int[] _counts;
    private readonly long[] _totals;

    private ContinuationTable(Dictionary<long, int> rowOf, int[] start, int[] tokens, int[] counts, long[] totals)
    {
        _rowOf = rowOf;
        _start = start;
        _tokens = tokens;
        _counts = counts;
        _totals = totals;
    }

    /// <summary>Number of distinct (history, token) pairs.</summary>
    public int PairCount => _tokens.Length;

    /// <summary>Every pair's count, for count-of-count discount estimates.</summary>
    public ReadOnlySpan<int> AllCounts => _counts;

    /// <summary>Builds the table from pair counts keyed by history·V + token.</summary>
    public static ContinuationTable FromPairs(Dictionary<long, int> pairs, int vocabularySize)
    {
        long[] keys = [.. pairs.Keys];
        Array.Sort(keys);
        var tokens = new int[keys.Length];
        var counts = new int[keys.Length];
        var rowOf = new Dictionary<long, int>();
        var starts = new List<int>();
        var totals = new List<long>();
        long previous = -1;
        for (int i = 0; i < keys.Length; i++)
        {
            long history = keys[i] / vocabularySize;
            tokens[i] = (int)(keys[i] % vocabularySize);
            counts[i] = pairs[keys[i]];
            if (history != previous)
            {
                rowOf[history] = starts.Count;
                starts.Add(i);
                totals.Add(0);
                previous = history;
            }

            totals[^1] += counts[i];
        }

        starts.Add(keys.Length);
        return new ContinuationTable(rowOf, [.. starts], tokens, counts, [.. totals]);
    }

    /// <summary>The row of <paramref name="history"/>, or false when it was never seen.</summary>
    public bool TryGetRow(long history, out Row row)
    {
        if (_rowOf.TryGetValue(history, out int r))
        {
            int start = _start[r];
            int length = _start[r + 1] - start;
            row = new Row(_tokens.AsMemory(start, length), _counts.AsMemory(start, length), _totals[r]);
            return true;
        }

        row = default;
        return false;
    }

    /// <summary>One history's tokens (ascending), their counts and the sum of the counts.</summary>
    public readonly record struct Row(ReadOnlyMemory<int> Tokens, ReadOnlyMemory<int> Counts, long Total)
    {
        /// <summary>Number of distinct tokens after the history.</summary>
        public int Distinct => Tokens.Length;

        /// <summary>The count of <paramref name="token"/> after the history (0 when unseen).</summary>
        public int CountOf(int token)
        {
            int i = Tokens.Span.BinarySearch(token);
            return i >= 0 ? Counts.Span[i] : 0;
        }
    }
}
