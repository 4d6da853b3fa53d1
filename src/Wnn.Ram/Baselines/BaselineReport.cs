namespace Wnn.Ram.Baselines;

/// <summary>The four baselines on one train/eval split.</summary>
/// <param name="Uniform">p(w) = 1/V.</param>
/// <param name="Unigram">Add-α unigram.</param>
/// <param name="Bigram">Interpolated absolute-discounting bigram over the add-α unigram.</param>
/// <param name="Trigram">Interpolated Kneser–Ney trigram.</param>
/// <param name="Targets">Number of evaluation targets scored.</param>
public sealed record BaselineReport(BaselineScore Uniform, BaselineScore Unigram, BaselineScore Bigram, BaselineScore Trigram, int Targets);
