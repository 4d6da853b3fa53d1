using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>A genome with its CE and accuracy on the data subset it was evaluated on.</summary>
public sealed record ScoredGenome(Genome Genome, double CrossEntropy, double Accuracy);
