namespace Wnn.Ram.Model;

/// <summary>Maps token ids to cluster indices by frequency rank in the training tokens (ties: smaller id first).</summary>
public sealed class ClusterOrder
{
    private ClusterOrder(int[] tokenToCluster, int[] clusterToToken, int[] counts)
    {
        TokenToCluster = tokenToCluster;
        ClusterToToken = clusterToToken;
        ClusterCounts = counts;
    }

    /// <summary>Cluster index of every token id.</summary>
    public int[] TokenToCluster { get; }

    /// <summary>Token id of every cluster index.</summary>
    public int[] ClusterToToken { get; }

    /// <summary>Occurrences in the training tokens of every cluster's token.</summary>
    public int[] ClusterCounts { get; }

    /// <summary>Vocabulary size = number of clusters.</summary>
    public int Count => TokenToCluster.Length;

    /// <summary>Ranks the vocabulary by frequency in <paramref name="trainTokens"/>; absent tokens follow in id order.</summary>
    public static ClusterOrder FromTokens(ReadOnlySpan<int> trainTokens, int vocabularySize)
    {
        if (vocabularySize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "vocabulary needs at least 2 tokens");
        }

        var counts = new int[vocabularySize];
        foreach (int t in trainTokens)
        {
            if ((uint)t >= (uint)vocabularySize)
            {
                throw new ArgumentException($"token id {t} is outside the vocabulary [0, {vocabularySize})");
            }

            counts[t]++;
        }

        var ids = new int[vocabularySize];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        // Stable order: descending count, ascending id (absent tokens have count 0 and so come last in id order).
        Array.Sort(ids, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        var tokenToCluster = new int[vocabularySize];
        var clusterCounts = new int[vocabularySize];
        for (int c = 0; c < ids.Length; c++)
        {
            tokenToCluster[ids[c]] = c;
            clusterCounts[c] = counts[ids[c]];
        }

        return new ClusterOrder(tokenToCluster, ids, clusterCounts);
    }
}
