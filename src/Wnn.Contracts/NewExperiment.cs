namespace Wnn.Contracts;

/// <summary>What is needed to create an experiment.</summary>
/// <param name="Name">Human-readable name.</param>
/// <param name="PhaseKey">Phase key such as <c>1a</c>.</param>
/// <param name="Kind"><c>ga</c> or <c>ts</c>.</param>
/// <param name="Dimension"><c>neurons</c>, <c>bits</c> or <c>connections</c>.</param>
/// <param name="FlowId">Owning flow, or null for a stand-alone experiment.</param>
/// <param name="Sequence">Position inside the flow, from 0.</param>
/// <param name="ConfigJson">Phase configuration JSON.</param>
public sealed record NewExperiment(
    string Name, string PhaseKey, string Kind, string Dimension, long? FlowId = null, int Sequence = 0, string ConfigJson = "{}");
