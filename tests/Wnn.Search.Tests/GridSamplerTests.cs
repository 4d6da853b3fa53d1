using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class GridSamplerTests
{
    private static readonly Dictionary<string, IReadOnlyList<object?>> Space = new()
    {
        ["x"] = [-1.0, 0.0, 1.0],
        ["n"] = [1, 2, 3, 4],
        ["kind"] = ["a", "b"],
    };

    [Fact]
    public void Grid_evaluates_every_combination_exactly_once_then_stops()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new GridSampler(Space, seed: 4), Pruner = new NopPruner() });
        study.Optimize(t => t.SuggestFloat("x", -1, 1) + t.SuggestInt("n", 1, 4) + (t.SuggestCategorical("kind", ["a", "b"]) == "a" ? 0 : 10), nTrials: 100);
        Assert.Equal(24, study.Trials.Count);
        Assert.Equal(24, study.Trials.Select(t => $"{t.Params["x"]}|{t.Params["n"]}|{t.Params["kind"]}").Distinct().Count());
        Assert.Equal(-1.0 + 1, study.BestValue);
    }

    [Fact]
    public void Grid_with_parallel_workers_still_covers_every_combination()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new GridSampler(Space, seed: 4), Pruner = new NopPruner() });
        study.Optimize(t => t.SuggestFloat("x", -1, 1) + t.SuggestInt("n", 1, 4) + t.SuggestCategorical("kind", ["a", "b"]).Length, nTrials: 100, nJobs: 3);
        Assert.Equal(24, study.Trials.Select(t => $"{t.Params["x"]}|{t.Params["n"]}|{t.Params["kind"]}").Distinct().Count());
    }

    [Fact]
    public void Grid_rejects_parameters_and_values_it_does_not_know()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new GridSampler(Space, seed: 4), Pruner = new NopPruner() });
        Trial trial = study.Ask();
        var ex = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("y", 0, 1));
        Assert.Contains("not in the grid", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 0.5));
        Assert.Throws<ArgumentException>(() => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [] }));
    }
}
