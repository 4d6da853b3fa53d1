namespace Wnn.Reports;

/// <summary>One configuration of a sweep (its swept values without the seed) and the objective over its runs.</summary>
public sealed record ConfigSummary(string Label, IReadOnlyDictionary<string, string> Values, IReadOnlyList<int> Trials, IReadOnlyList<double> Objective)
{
    /// <summary>Number of complete runs.</summary>
    public int Runs => Objective.Count;

    /// <summary>Mean objective over the runs.</summary>
    public double Mean => Objective.Average();

    /// <summary>Sample standard deviation (0 for one run).</summary>
    public double Std => Runs < 2 ? 0 : Math.Sqrt(Objective.Sum(v => (v - Mean) * (v - Mean)) / (Runs - 1));
}
