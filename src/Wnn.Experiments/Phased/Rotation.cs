using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>Which training part a rotation step uses: consecutive seeded shuffles of the part indices.</summary>
public static class Rotation
{
    /// <summary>The part of step <paramref name="step"/> (phase or iteration counter) among <paramref name="parts"/>.</summary>
    public static int Part(ulong seed, long step, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        long cycle = step / parts;
        var order = new int[parts];
        for (int i = 0; i < parts; i++)
        {
            order[i] = i;
        }

        var rng = Rng.ForStream(seed, 0x5EED_0000UL + (ulong)cycle);
        for (int i = parts - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order[(int)(step % parts)];
    }

    /// <summary>Splits <paramref name="length"/> tokens into <paramref name="parts"/> contiguous ranges; the last takes the remainder.</summary>
    public static (int Start, int Length) Range(int length, int parts, int part)
    {
        int size = length / parts;
        int start = part * size;
        return (start, part == parts - 1 ? length - start : size);
    }

}
