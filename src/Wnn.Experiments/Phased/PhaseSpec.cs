using Wnn.Experiments.Config;

namespace Wnn.Experiments.Phased;

/// <summary>One of the six phases of a pass, e.g. 1a = GA over neurons.</summary>
/// <param name="Key">"1a" … "3b".</param>
/// <param name="Kind">GA or TS.</param>
/// <param name="Dimension">The dimension optimized.</param>
public sealed record PhaseSpec(string Key, PhaseKind Kind, PhaseDimension Dimension)
{
    /// <summary>Valid phase keys in run order.</summary>
    public static IReadOnlyList<string> ValidKeys { get; } = ["1a", "1b", "2a", "2b", "3a", "3b"];

    /// <summary>"ga" or "ts".</summary>
    public string KindName => Kind == PhaseKind.GeneticAlgorithm ? "ga" : "ts";

    /// <summary>"neurons", "bits" or "connections".</summary>
    public string DimensionName => Dimension.ToString().ToLowerInvariant();

    /// <summary>Descriptive name, e.g. "ga_neurons".</summary>
    public string Name => $"{KindName}_{DimensionName}";

    /// <summary>File name of the phase's checkpoint, e.g. phase_1a_ga_neurons.json.gz.</summary>
    public string FileName => $"phase_{Key}_{Name}.json.gz";

    /// <summary>File name of the phase's mid-phase checkpoint.</summary>
    public string MidFileName => $"phase_{Key}_{Name}.mid.json.gz";

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

    /// <summary>The phases of <paramref name="config"/>.</summary>
    public static IReadOnlyList<PhaseSpec> Order(PhasedConfig config) => Order(config?.PhaseOrder ?? "neurons_first");
}
