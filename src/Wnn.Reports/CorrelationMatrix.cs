namespace Wnn.Reports;

/// <summary>Spearman rank correlations between every pair of columns (parameters, then objectives and metrics) over the complete trials.</summary>
public sealed record CorrelationMatrix(IReadOnlyList<string> Names, double[][] Rho, int Samples);
