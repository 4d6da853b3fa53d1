namespace Wnn.Experiments.Phased;

/// <summary>The data of a search as <see cref="PhasedSetup.LoadData"/> loaded it.</summary>
/// <param name="Data">Token streams and evaluators.</param>
/// <param name="Description">One line on what was loaded (corpus, tokenizer, token counts).</param>
public sealed record LoadedPhasedData(PhasedData Data, string Description);
