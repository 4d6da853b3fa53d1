using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// The architectural objective of seed 002: each trial samples <see cref="ArchIdx"/> from the precomputed architecture list
/// and the training parameters from their (narrow) ranges, logs the architecture on the trial (user attributes d_model,
/// n_layers, n_heads, d_ff, param_count; the list itself as a system attribute) and yields the plan to train.
/// </summary>
public sealed class ArchitecturalObjective
{
    /// <summary>The categorical parameter indexing the architecture list.</summary>
    public const string ArchIdx = "arch_idx";

    /// <summary>Creates the objective; the list must be non-empty and the training space must not name architecture keys.</summary>
    public ArchitecturalObjective(IReadOnlyList<SizedArchitecture> architectures, IReadOnlyList<KeyValuePair<string, ParameterDistribution>> trainingSpace, ParamBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(trainingSpace);
        if (architectures.Count == 0)
        {
            throw new ArgumentException("the architecture list is empty; nothing to search.", nameof(architectures));
        }

        if (trainingSpace.FirstOrDefault(p => p.Key == ArchIdx || TrainerOverrides.ArchitectureKeys.Contains(p.Key)) is { Key: not null } clash)
        {
            throw new ArgumentException($"training parameter '{clash.Key}' is architectural; it comes from the architecture list.", nameof(trainingSpace));
        }

        Architectures = architectures;
        TrainingSpace = trainingSpace;
        Budget = budget;
        ArchDistribution = new CategoricalDistribution(Enumerable.Range(0, architectures.Count).Select(i => (object?)i));
    }

    /// <summary>The precomputed list; arch_idx i means Architectures[i].</summary>
    public IReadOnlyList<SizedArchitecture> Architectures { get; }

    /// <summary>The training parameters and their distributions.</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterDistribution>> TrainingSpace { get; }

    /// <summary>The budget the list was made for, or null.</summary>
    public ParamBudget? Budget { get; }

    /// <summary>arch_idx ∈ {0, …, N − 1}.</summary>
    public CategoricalDistribution ArchDistribution { get; }

    /// <summary>Refuses (InvalidOperationException) a study whose trials were run with another list; call before the first Ask.</summary>
    public void EnsureCompatible(Study study) => ArchitectureListAttribute.EnsureMatches(study, Architectures, Budget);

    /// <summary>Suggests arch_idx and the training parameters on the trial, records the architecture on it and returns the plan.</summary>
    public ArchitecturalTrialPlan Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        int idx = Convert.ToInt32(trial.Suggest(ArchIdx, ArchDistribution), CultureInfo.InvariantCulture);
        var training = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, ParameterDistribution> p in TrainingSpace)
        {
            training[p.Key] = trial.Suggest(p.Key, p.Value);
        }

        SizedArchitecture chosen = Architectures[idx];
        ArchitectureListAttribute.Stamp(trial, Architectures, Budget);
        trial.SetUserAttribute("d_model", chosen.Architecture.DModel);
        trial.SetUserAttribute("n_layers", chosen.Architecture.NLayers);
        trial.SetUserAttribute("n_heads", chosen.Architecture.NHeads);
        trial.SetUserAttribute("d_ff", chosen.Architecture.DFf);
        trial.SetUserAttribute("param_count", chosen.ParamCount);
        return new ArchitecturalTrialPlan(idx, chosen, training);
    }

    /// <summary>The plan of a stored trial (from its parameters); throws when arch_idx is missing or out of range.</summary>
    public ArchitecturalTrialPlan PlanOf(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!trial.Params.TryGetValue(ArchIdx, out object? raw) || raw is null)
        {
            throw new ArgumentException($"trial {trial.Number} has no {ArchIdx}.", nameof(trial));
        }

        int idx = Convert.ToInt32(raw, CultureInfo.InvariantCulture);
        if (idx < 0 || idx >= Architectures.Count)
        {
            throw new ArgumentException($"trial {trial.Number}: {ArchIdx} {idx} is outside the list of {Architectures.Count}.", nameof(trial));
        }

        var training = TrainingSpace.Where(p => trial.Params.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => trial.Params[p.Key]);
        return new ArchitecturalTrialPlan(idx, Architectures[idx], training);
    }
}
