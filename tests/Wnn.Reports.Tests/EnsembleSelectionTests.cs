using Wnn.Search;

namespace Wnn.Reports.Tests;

public sealed class EnsembleSelectionTests
{
    private static readonly Dictionary<string, ParameterDistribution> Space = new()
    {
        ["lr"] = new FloatDistribution(1e-4, 1e-1, log: true),
        ["layers"] = new IntDistribution(1, 9),
        ["act"] = new CategoricalDistribution(["relu", "tanh"]),
    };

    private static ReportTrial T(int number, double value, double lr, int layers, string act) => new()
    {
        Number = number,
        Job = number,
        State = TrialState.Complete,
        Values = [value],
        Params = new Dictionary<string, object?> { ["lr"] = lr, ["layers"] = layers, ["act"] = act },
        Numeric = new Dictionary<string, double> { ["lr"] = lr, ["layers"] = layers, ["act"] = act == "relu" ? 0 : 1 },
        Metrics = new Dictionary<string, double>(),
        Intermediate = new Dictionary<int, double>(),
    };

    [Fact]
    public void Distance_normalizes_log_parameters_in_log_space_and_counts_a_different_choice_as_one()
    {
        // lr 1e-4 → 1e-1 spans the whole log range (1); layers 1 → 9 the whole range (1); relu vs tanh 1: √(3/3) = 1.
        Assert.Equal(1.0, EnsembleSelection.Distance(T(0, 0, 1e-4, 1, "relu"), T(1, 0, 1e-1, 9, "tanh"), Space), 12);
        // lr 1e-3 → 1e-2 is a third of the log range, layers 5 → 7 a quarter: √((1/9 + 1/16) / 3).
        Assert.Equal(Math.Sqrt(((1.0 / 9) + (1.0 / 16)) / 3), EnsembleSelection.Distance(T(0, 0, 1e-3, 5, "relu"), T(1, 0, 1e-2, 7, "relu"), Space), 12);
        Assert.Equal(0.0, EnsembleSelection.Distance(T(0, 0, 1e-3, 5, "relu"), T(1, 0.5, 1e-3, 5, "relu"), Space));
    }

    [Fact]
    public void Greedy_max_min_takes_the_best_then_the_farthest_within_the_top_fraction_and_never_a_repeat()
    {
        List<ReportTrial> trials =
        [
            T(0, 0.10, 1e-3, 5, "relu"),
            T(1, 0.11, 1e-3, 5, "relu"),  // the same config as trial 0: distance 0, never taken
            T(2, 0.12, 1.1e-3, 5, "relu"), // close to trial 0
            T(3, 0.13, 1e-2, 9, "tanh"),  // far from trial 0
            T(4, 0.14, 1e-4, 1, "relu"),  // far from both 0 and 3
            T(5, 0.90, 1e-1, 1, "tanh"),  // farthest of all, but outside the top 5 of 6 (top_fraction 0.8)
        ];

        EnsembleSelection e = EnsembleSelection.Choose(trials, Space, StudyDirection.Minimize, k: 3, topFraction: 0.8);

        Assert.Equal(5, e.PoolSize);
        Assert.Equal([0, 3, 4], e.Members.Select(m => m.Number));
        Assert.True(double.IsNaN(e.MinDistances[0]));
        Assert.Equal(EnsembleSelection.Distance(trials[0], trials[3], Space), e.MinDistances[1], 12);
        Assert.Equal(Math.Min(EnsembleSelection.Distance(trials[4], trials[0], Space), EnsembleSelection.Distance(trials[4], trials[3], Space)), e.MinDistances[2], 12);

        // Asked for more members than distinct configs: the repeat is left out.
        EnsembleSelection all = EnsembleSelection.Choose(trials.Take(3).ToList(), Space, StudyDirection.Minimize, k: 3, topFraction: 1);
        Assert.Equal([0, 2], all.Members.Select(m => m.Number));

        // Maximizing ranks the other way round: trial 5 is the best and first.
        Assert.Equal(5, EnsembleSelection.Choose(trials, Space, StudyDirection.Maximize, k: 2, topFraction: 0.2).Members[0].Number);
    }
}
