using System.Globalization;

namespace Wnn.Ram.Model;

/// <summary>Tiers applied in frequency-rank order, e.g. "100,15,20;400,10,12;rest,5,8".</summary>
public sealed class TierConfig
{
    /// <summary>The tier configuration of the original research code.</summary>
    public const string DefaultText = "100,15,20;400,10,12;rest,5,8";

    /// <summary>Creates a configuration; at most the last tier may have a null (rest) count.</summary>
    public TierConfig(IReadOnlyList<Tier> tiers)
    {
        if (tiers.Count == 0)
        {
            throw new FormatException("tier config is empty; expected at least one tier such as 'rest,5,8'");
        }

        for (int i = 0; i < tiers.Count; i++)
        {
            Tier t = tiers[i];
            if (t.Count is null && i != tiers.Count - 1)
            {
                throw new FormatException($"tier {i}: 'rest' is allowed only in the last tier");
            }

            if (t.Count is <= 0)
            {
                throw new FormatException($"tier {i}: count {t.Count} must be a positive integer or 'rest'");
            }

            if (t.Neurons < 1)
            {
                throw new FormatException($"tier {i}: neurons {t.Neurons} must be at least 1");
            }

            if (t.Bits < 1 || t.Bits > Genome.MaxBitsPerNeuron)
            {
                throw new FormatException($"tier {i}: bits {t.Bits} must be in [1, {Genome.MaxBitsPerNeuron}]");
            }
        }

        Tiers = tiers.ToArray();
    }

    /// <summary>The tiers in rank order.</summary>
    public IReadOnlyList<Tier> Tiers { get; }

    /// <summary>The default three-tier configuration.</summary>
    public static TierConfig Default { get; } = Parse(DefaultText);

    /// <summary>Parses "count,neurons,bits[,optimize];…" where count may be "rest" or "null".</summary>
    public static TierConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tiers = new List<Tier>();
        string[] parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string part in parts)
        {
            string[] f = part.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length is < 3 or > 4)
            {
                throw new FormatException($"invalid tier '{part}': expected count,neurons,bits[,optimize] (e.g. '100,15,20' or 'rest,5,8')");
            }

            int? count = f[0].ToLowerInvariant() is "rest" or "null" or "none" ? null : ParseInt(f[0], "count", part);
            int neurons = ParseInt(f[1], "neurons", part);
            int bits = ParseInt(f[2], "bits", part);
            bool optimize = true;
            if (f.Length == 4 && !bool.TryParse(f[3], out optimize))
            {
                throw new FormatException($"invalid tier '{part}': optimize must be true or false, got '{f[3]}'");
            }

            tiers.Add(new Tier(count, neurons, bits, optimize));
        }

        return new TierConfig(tiers);
    }

    private static int ParseInt(string s, string field, string part)
    {
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            throw new FormatException($"invalid tier '{part}': {field} '{s}' is not an integer");
        }

        return v;
    }

    /// <summary>The tier index of every cluster (clusters beyond all tiers belong to the last tier).</summary>
    public int[] TierOfClusters(int clusterCount)
    {
        var result = new int[clusterCount];
        int c = 0;
        for (int t = 0; t < Tiers.Count && c < clusterCount; t++)
        {
            int end = Tiers[t].Count is int n ? Math.Min(clusterCount, c + n) : clusterCount;
            for (; c < end; c++)
            {
                result[c] = t;
            }
        }

        for (; c < clusterCount; c++)
        {
            result[c] = Tiers.Count - 1;
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(';', Tiers.Select(t =>
        string.Create(CultureInfo.InvariantCulture, $"{(t.Count is int n ? n.ToString(CultureInfo.InvariantCulture) : "rest")},{t.Neurons},{t.Bits}{(t.Optimize ? "" : ",false")}")));
}
