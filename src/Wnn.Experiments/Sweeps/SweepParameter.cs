using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>One swept key: its dotted name (as passed to the trial) and the distribution its values come from.</summary>
/// <param name="Name">The key, e.g. <c>lr</c>, <c>model.hidden</c> or a Hydra group <c>phase1/latent_space</c>.</param>
/// <param name="Distribution">Where values come from; grid and Hydra sweeps use a categorical of the listed values.</param>
public sealed record SweepParameter(string Name, ParameterDistribution Distribution)
{
    /// <summary>
    /// A table parameter: its value is a row index (a categorical of 0 … n − 1) and each row holds fixed key/values that
    /// the trial receives after the index itself (e.g. arch_idx=3 d_model=96 n_layers=2 …). Null for an ordinary key.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>>? Rows { get; init; }

    /// <summary>The overrides one value stands for: the key and its value, then the row's keys for a table parameter.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Overrides(object? value)
    {
        yield return new(Name, value);
        if (Rows is null)
        {
            yield break;
        }

        int row = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        if (row < 0 || row >= Rows.Count)
        {
            throw new ArgumentException($"{Name} {row} is outside the table of {Rows.Count} rows (0..{Rows.Count - 1})");
        }

        foreach (KeyValuePair<string, object?> kv in Rows[row])
        {
            yield return kv;
        }
    }

    /// <summary>A table row as one line of key=value pairs.</summary>
    public static string FormatRow(IReadOnlyList<KeyValuePair<string, object?>> row) =>
        string.Join(" ", (row ?? throw new ArgumentNullException(nameof(row))).Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
}
