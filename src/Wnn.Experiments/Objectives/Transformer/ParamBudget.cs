using System.Globalization;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>A parameter budget such as "200K" or "2M": its name and its target count.</summary>
public sealed record ParamBudget(string Name, long Target)
{
    /// <summary>The named budgets of the seed's study plan, smallest first.</summary>
    public static IReadOnlyList<ParamBudget> Named { get; } =
        [new("200K", 200_000), new("500K", 500_000), new("1M", 1_000_000), new("2M", 2_000_000)];

    /// <summary>Parses "200K", "1.5M", "2m" or a plain count such as "500000"; throws an <see cref="ArgumentException"/> saying what is accepted.</summary>
    public static ParamBudget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        double scale = 1;
        string digits = t;
        if (t.Length > 0 && char.ToUpperInvariant(t[^1]) is 'K' or 'M')
        {
            scale = char.ToUpperInvariant(t[^1]) == 'K' ? 1e3 : 1e6;
            digits = t[..^1];
        }

        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value * scale < 1 || value * scale > 1e12)
        {
            throw new ArgumentException(
                $"budget '{text}' is not a parameter count; allowed: a positive count like 500000, 200K or 1.5M (named budgets: {string.Join(", ", Named.Select(b => b.Name))}).");
        }

        long target = (long)Math.Round(value * scale);
        return new ParamBudget(Format(target), target);
    }

    /// <summary>A count as the shortest budget name: 200000 → "200K", 2000000 → "2M", 1500000 → "1.5M".</summary>
    public static string Format(long count)
    {
        if (count >= 1_000_000 && count % 100_000 == 0)
        {
            return (count / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M";
        }

        return count >= 1_000 && count % 1_000 == 0
            ? (count / 1000).ToString(CultureInfo.InvariantCulture) + "K"
            : count.ToString(CultureInfo.InvariantCulture);
    }
}
