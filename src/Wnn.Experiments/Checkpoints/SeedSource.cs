using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>Genomes loaded with --seed-from: a best genome and, when the file has one, a population.</summary>
/// <param name="Kind">"results", "checkpoint" or "genome".</param>
/// <param name="Genome">The seed genome (the file's best).</param>
/// <param name="Population">The file's final population, best first (may be empty).</param>
public sealed record SeedSource(string Kind, Genome Genome, IReadOnlyList<Genome> Population);
