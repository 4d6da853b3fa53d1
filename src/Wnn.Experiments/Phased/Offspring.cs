using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>A genome produced by an operator, with the clusters that differ from <see cref="Parent"/>.</summary>
/// <param name="Genome">The new genome.</param>
/// <param name="Parent">The first (or only) parent.</param>
/// <param name="ChangedClusters">Ascending cluster indices whose neurons, bits or connections differ from the parent.</param>
/// <param name="SingleParent">True when the genome derives from <see cref="Parent"/> alone (no crossover), so an evaluator may evaluate it incrementally.</param>
public sealed record Offspring(Genome Genome, Genome Parent, int[] ChangedClusters, bool SingleParent);
