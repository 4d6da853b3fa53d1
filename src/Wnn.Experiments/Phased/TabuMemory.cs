namespace Wnn.Experiments.Phased;

/// <summary>
/// Tabu memory of the last <see cref="Tenure"/> moves. A move is the ascending set of clusters a neighbor changed;
/// it is tabu when more than half of its clusters lie in one remembered move.
/// </summary>
public sealed class TabuMemory
{
    private readonly Queue<int[]> _moves = new();

    /// <summary>Creates an empty memory.</summary>
    public TabuMemory(int tenure)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tenure);
        Tenure = tenure;
    }

    /// <summary>Number of moves remembered.</summary>
    public int Tenure { get; }

    /// <summary>The remembered moves, oldest first.</summary>
    public IReadOnlyList<int[]> Moves => [.. _moves];

    /// <summary>Remembers <paramref name="move"/>, forgetting the oldest beyond the tenure.</summary>
    public void Add(int[] move)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (Tenure == 0 || move.Length == 0)
        {
            return;
        }

        _moves.Enqueue(move);
        while (_moves.Count > Tenure)
        {
            _moves.Dequeue();
        }
    }

    /// <summary>Share of <paramref name="move"/>'s clusters that also lie in <paramref name="other"/> (both ascending).</summary>
    public static double Overlap(ReadOnlySpan<int> move, ReadOnlySpan<int> other)
    {
        if (move.IsEmpty)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < move.Length && j < other.Length)
        {
            if (move[i] == other[j])
            {
                common++;
                i++;
                j++;
            }
            else if (move[i] < other[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / move.Length;
    }

    /// <summary>True when <paramref name="move"/> overlaps more than 50% with a remembered move.</summary>
    public bool IsTabu(ReadOnlySpan<int> move)
    {
        foreach (int[] m in _moves)
        {
            if (Overlap(move, m) > 0.5)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a neighbor may be accepted: not tabu, or (aspiration) its CE beats the global best.</summary>
    public bool Admits(ReadOnlySpan<int> move, double crossEntropy, double globalBestCrossEntropy) =>
        crossEntropy < globalBestCrossEntropy || !IsTabu(move);
}
