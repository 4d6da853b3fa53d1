using Wnn.Experiments.Config;

namespace Wnn.Experiments.Phased;

/// <summary>One phase of a pass, e.g. 1a = GA over neurons, with the settings it overrides (<see cref="PhasePlan"/>).</summary>
/// <param name="Key">"1a", "1b", "2a", … (from the phase's position, <see cref="PhasePlan.KeyAt"/>).</param>
/// <param name="Kind">GA, TS or grid.</param>
/// <param name="Dimension">The dimension optimized (a grid phase: neurons, its first one; it sets neurons and bits).</param>
public sealed record PhaseSpec(string Key, PhaseKind Kind, PhaseDimension Dimension)
{
    /// <summary>Valid phase keys of the standard pass, in run order.</summary>
    public static IReadOnlyList<string> ValidKeys { get; } = ["1a", "1b", "2a", "2b", "3a", "3b"];

    /// <summary>Per-phase settings in the order written: canonical key name → text (applied over the run's configuration).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>"ga", "ts" or "grid".</summary>
    public string KindName => Kind switch
    {
        PhaseKind.GeneticAlgorithm => "ga",
        PhaseKind.TabuSearch => "ts",
        _ => "grid",
    };

    /// <summary>"neurons", "bits" or "connections"; "neurons_bits" for a grid phase.</summary>
    public string DimensionName => Kind == PhaseKind.Grid ? "neurons_bits" : Dimension.ToString().ToLowerInvariant();

    /// <summary>Descriptive name, e.g. "ga_neurons"; "grid" for a grid phase (the phase list's type word).</summary>
    public string Name => Kind == PhaseKind.Grid ? "grid" : $"{KindName}_{DimensionName}";

    /// <summary>File name of the phase's checkpoint, e.g. phase_1a_ga_neurons.json.gz.</summary>
    public string FileName => $"phase_{Key}_{Name}.json.gz";

    /// <summary>File name of the phase's mid-phase checkpoint.</summary>
    public string MidFileName => $"phase_{Key}_{Name}.mid.json.gz";

    /// <summary>The run's configuration with this phase's settings applied (validated).</summary>
    /// <exception cref="ConfigException">A setting makes the configuration invalid; the message names the phase.</exception>
    public PhasedConfig Apply(PhasedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Settings.Count == 0 && Kind != PhaseKind.Grid)
        {
            return config;
        }

        PhasedConfig applied = config;
        foreach (var (name, text) in Settings)
        {
            applied = PhasedConfig.FindKey(name)!.Set(applied, text, $"phase {Key} ({Name}): {name}");
        }

        try
        {
            applied = Settings.Count == 0 ? applied : applied.ValidatedSettings();
            if (Kind == PhaseKind.Grid)
            {
                _ = PhasePlan.GridValues(applied.GridNeurons, ConfigKeys.GridNeurons.Name, applied.MinNeurons, applied.MaxNeurons);
                _ = PhasePlan.GridValues(applied.GridBits, ConfigKeys.GridBits.Name, applied.MinBits, applied.MaxBits);
            }

            return applied;
        }
        catch (Exception ex) when (ex is ConfigException or FormatException)
        {
            throw new ConfigException($"phase {Key} ({Name}): {ex.Message}", ex);
        }
    }

    /// <summary>The six phases for <paramref name="phaseOrder"/> ("neurons_first" or "bits_first").</summary>
    public static IReadOnlyList<PhaseSpec> Order(string phaseOrder)
    {
        bool bitsFirst = phaseOrder == "bits_first";
        PhaseDimension first = bitsFirst ? PhaseDimension.Bits : PhaseDimension.Neurons;
        PhaseDimension second = bitsFirst ? PhaseDimension.Neurons : PhaseDimension.Bits;
        return
        [
            new("1a", PhaseKind.GeneticAlgorithm, first),
            new("1b", PhaseKind.TabuSearch, first),
            new("2a", PhaseKind.GeneticAlgorithm, second),
            new("2b", PhaseKind.TabuSearch, second),
            new("3a", PhaseKind.GeneticAlgorithm, PhaseDimension.Connections),
            new("3b", PhaseKind.TabuSearch, PhaseDimension.Connections),
        ];
    }

    /// <summary>The phases of <paramref name="config"/>: its <c>search.phases</c> list, else the six of its phase order.</summary>
    public static IReadOnlyList<PhaseSpec> Order(PhasedConfig config) => PhasePlan.Of(config ?? PhasedConfig.Default);
}
