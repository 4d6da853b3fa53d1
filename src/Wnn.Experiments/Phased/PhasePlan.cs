using System.Globalization;
using System.Text;
using Wnn.Experiments.Config;

namespace Wnn.Experiments.Phased;

/// <summary>
/// The phase list of <c>search.phases</c> (docs/flows.md): phases separated by <c>;</c>, each a type word
/// (<see cref="Types"/>) followed by optional per-phase settings <c>key=value</c> separated by spaces, where key is a
/// schema key marked <see cref="ConfigKeyDefinition.PerPhase"/> (dotted name or alias). Keys come from positions:
/// phase i (0-based) is <c>{i/2+1}{a|b}</c>, so the standard six are 1a … 3b.
/// </summary>
public static class PhasePlan
{
    /// <summary>The phase type words, in the order forms list them.</summary>
    public static IReadOnlyList<string> Types => FlowTemplateDefinition.PhaseTypes;

    /// <summary>The key of the phase at <paramref name="index"/>: 0 → 1a, 1 → 1b, 2 → 2a, …</summary>
    public static string KeyAt(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{(index / 2) + 1}{(char)('a' + (index % 2))}");

    /// <summary>The phases of <paramref name="config"/>: its <c>search.phases</c>, else the six of its phase order.</summary>
    /// <exception cref="ConfigException">The list does not parse; the message names the phase and what is accepted.</exception>
    public static IReadOnlyList<PhaseSpec> Of(PhasedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Phases is null ? PhaseSpec.Order(config.PhaseOrder) : Parse(config.Phases);
    }

    /// <summary>Parses a phase list.</summary>
    /// <exception cref="ConfigException">Empty, an unknown type, a setting that is not <c>key=value</c>, a key that cannot be set per phase, or a bad value.</exception>
    public static IReadOnlyList<PhaseSpec> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string where = ConfigKeys.Phases.Name;
        var phases = new List<PhaseSpec>();
        foreach (string part in text.Split(';'))
        {
            string[] words = part.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            string key = KeyAt(phases.Count);
            (PhaseKind kind, PhaseDimension dimension) = TypeOf(words[0])
                ?? throw new ConfigException($"config key '{where}': phase {phases.Count + 1} has type '{words[0]}'; expected one of {string.Join(", ", Types)}");
            var settings = new List<KeyValuePair<string, string>>();
            foreach (string word in words.Skip(1))
            {
                int eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ConfigException($"config key '{where}': phase {key} ({words[0]}): '{word}' is not a setting; expected key=value");
                }

                string name = word[..eq];
                ConfigKeyDefinition? definition = ConfigSchema.Find(name);
                if (definition is null || !definition.PerPhase)
                {
                    throw new ConfigException(
                        $"config key '{where}': phase {key} ({words[0]}): '{name}' cannot be set per phase; per-phase keys: {string.Join(", ", PerPhaseKeys)}");
                }

                string value = word[(eq + 1)..];
                _ = definition.Parse(value, out string? error);
                error ??= definition.Check(definition.Parse(value, out _));
                if (error is not null)
                {
                    throw new ConfigException($"config key '{where}': phase {key} ({words[0]}): {definition.Name}: {error}");
                }

                if (settings.Any(s => s.Key == definition.Name))
                {
                    throw new ConfigException($"config key '{where}': phase {key} ({words[0]}): {definition.Name} is given twice");
                }

                settings.Add(new(definition.Name, value));
            }

            phases.Add(new PhaseSpec(key, kind, dimension) { Settings = settings });
        }

        return phases.Count == 0
            ? throw new ConfigException($"config key '{where}': no phases; give at least one of {string.Join(", ", Types)}")
            : phases;
    }

    /// <summary>The canonical text of <paramref name="phases"/> (what <see cref="Parse"/> reads back to the same list).</summary>
    public static string Format(IEnumerable<PhaseSpec> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var text = new StringBuilder();
        foreach (PhaseSpec phase in phases)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(phase.Name);
            foreach (var (name, value) in phase.Settings)
            {
                text.Append(' ').Append(name).Append('=').Append(value);
            }
        }

        return text.ToString();
    }

    /// <summary>Canonical names of the keys a phase may set.</summary>
    public static IEnumerable<string> PerPhaseKeys => ConfigSchema.Keys.Where(k => k.PerPhase).Select(k => k.Name);

    /// <summary>The integers of a grid list such as <c>3,5,7</c>, each within [<paramref name="min"/>, <paramref name="max"/>], without repeats.</summary>
    /// <exception cref="FormatException">Not such a list; the message names <paramref name="key"/>.</exception>
    public static int[] GridValues(string text, string key, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new List<int>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            {
                throw new FormatException($"config key '{key}': '{item}' in '{text}' is not an integer in {min}..{max}; expected a comma-separated list such as 3,5,7");
            }

            if (values.Contains(v))
            {
                throw new FormatException($"config key '{key}': {v} is listed twice in '{text}'");
            }

            values.Add(v);
        }

        return [.. values];
    }

    private static (PhaseKind, PhaseDimension)? TypeOf(string word) => word switch
    {
        "grid" => (PhaseKind.Grid, PhaseDimension.Neurons),
        "ga_neurons" => (PhaseKind.GeneticAlgorithm, PhaseDimension.Neurons),
        "ts_neurons" => (PhaseKind.TabuSearch, PhaseDimension.Neurons),
        "ga_bits" => (PhaseKind.GeneticAlgorithm, PhaseDimension.Bits),
        "ts_bits" => (PhaseKind.TabuSearch, PhaseDimension.Bits),
        "ga_connections" => (PhaseKind.GeneticAlgorithm, PhaseDimension.Connections),
        "ts_connections" => (PhaseKind.TabuSearch, PhaseDimension.Connections),
        _ => null,
    };
}
