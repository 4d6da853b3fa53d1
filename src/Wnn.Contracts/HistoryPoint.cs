namespace Wnn.Contracts;

/// <summary>A complete trial's first objective value and the best value up to and including it.</summary>
public sealed record HistoryPoint(int Number, double Value, double BestSoFar);
