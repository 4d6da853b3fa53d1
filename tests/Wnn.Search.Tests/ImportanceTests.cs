using Wnn.Search;
using Wnn.Search.Importance;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class ImportanceTests
{
    private static Study Sampled(int trials = 200)
    {
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(8), Pruner = new NopPruner() });
        study.Optimize(t =>
        {
            double a = t.SuggestFloat("a", -1, 1);
            double b = t.SuggestFloat("b", 0, 1);
            double noise = t.SuggestFloat("noise", 0, 1);
            string kind = t.SuggestCategorical("kind", ["p", "q"]);
            return (10 * a * a) + b + (kind == "q" ? 3 : 0) + (0 * noise);
        }, nTrials: trials);
        return study;
    }

    [Fact]
    public void Fanova_ranks_parameters_by_the_variance_they_explain()
    {
        IReadOnlyDictionary<string, double> importance = new FanovaImportanceEvaluator(nTrees: 32, seed: 1).Evaluate(Sampled());
        Assert.Equal(["a", "kind", "b", "noise"], importance.Keys);
        Assert.Equal(1.0, importance.Values.Sum(), 9);
        Assert.True(importance["a"] > 0.5, $"a: {importance["a"]}");
        Assert.True(importance["noise"] < 0.03, $"noise: {importance["noise"]}");
    }

    [Fact]
    public void Fanova_is_reproducible_for_a_seed_and_checks_its_inputs()
    {
        Study study = Sampled(60);
        Assert.Equal(new FanovaImportanceEvaluator(seed: 3).Evaluate(study), new FanovaImportanceEvaluator(seed: 3).Evaluate(study));
        Assert.Throws<ArgumentException>(() => new FanovaImportanceEvaluator().Evaluate(study, ["missing"]));
        Study empty = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        Assert.Throws<InvalidOperationException>(() => new FanovaImportanceEvaluator().Evaluate(empty));
        Study multi = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize], Sampler = new RandomSampler(1) });
        Assert.Throws<ArgumentException>(() => new FanovaImportanceEvaluator().Evaluate(multi));
    }

    [Fact]
    public void Rank_correlations_match_hand_computed_values()
    {
        Assert.Equal(1.0, RankCorrelation.Spearman([1, 2, 3, 4], [10, 20, 30, 40]), 12);
        Assert.Equal(-1.0, RankCorrelation.Kendall([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        Assert.Equal(0.9486832980505138, RankCorrelation.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.Equal(5 / Math.Sqrt(30), RankCorrelation.Kendall([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.Equal(0.0, RankCorrelation.Spearman([1, 1, 1], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => RankCorrelation.Kendall([1], [1]));
    }

    [Fact]
    public void Study_correlations_show_monotone_and_irrelevant_parameters()
    {
        IReadOnlyDictionary<string, (double Spearman, double Kendall)> c = RankCorrelation.ForStudy(Sampled());
        Assert.True(Math.Abs(c["noise"].Spearman) < 0.2);
        Assert.True(c["kind"].Spearman > 0.35, $"kind {c["kind"].Spearman}");
        Assert.True(c["b"].Kendall > 0);
    }
}
