using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Search.TestProblems;

namespace Wnn.Search.Tests;

public sealed class TestProblemTests
{
    private static double EvaluateAt(TestProblem problem, params double[] x)
    {
        var parameters = new Dictionary<string, object?>();
        for (int i = 0; i < x.Length; i++)
        {
            parameters[$"x{i}"] = x[i];
        }

        Study study = Study.Create(new StudyOptions { Directions = problem.Directions, Sampler = new RandomSampler(0), Pruner = new NopPruner() });
        study.EnqueueTrial(parameters);
        Trial trial = study.Ask();
        return problem.Evaluate(trial)[0];
    }

    [Fact]
    public void Known_optima_are_reached_at_their_published_minimizers()
    {
        Assert.Equal(0.0, EvaluateAt(TestProblemCatalog.Create("sphere", 3), 0, 0, 0));
        Assert.Equal(0.0, EvaluateAt(TestProblemCatalog.Create("rosenbrock", 3), 1, 1, 1));
        Assert.Equal(0.0, EvaluateAt(TestProblemCatalog.Create("rastrigin", 2), 0, 0), 12);
        Assert.Equal(0.0, EvaluateAt(TestProblemCatalog.Create("ackley", 2), 0, 0), 12);
        Assert.Equal(-39.16616570377142 * 2, EvaluateAt(TestProblemCatalog.Create("styblinski-tang", 2), -2.903534027771178, -2.903534027771178), 9);
        Assert.Equal(0.39788735772973816, EvaluateAt(TestProblemCatalog.Create("branin"), Math.PI, 2.275), 9);
        Assert.Equal(-3.32237, TestProblemCatalog.Hartmann6([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]), 4);
    }

    [Fact]
    public void Bad_problem_names_and_dimensions_are_rejected_with_the_allowed_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("nope"));
        Assert.Contains("sphere", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("branin", 3));
        Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("rosenbrock", 1));
        Assert.Throws<ArgumentException>(() => SamplerCatalog.Create("nope", 1, 10));
        Assert.Equal(6, TestProblemCatalog.Create("hartmann6").Dimensions);
        Assert.Equal(2, TestProblemCatalog.Create("zdt1", 4).Directions.Count);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("tpe-multivariate")]
    [InlineData("qmc")]
    [InlineData("lhs")]
    [InlineData("cmaes")]
    [InlineData("nsga2")]
    public void Every_catalog_sampler_optimizes_every_single_objective_problem(string sampler)
    {
        foreach (string name in TestProblemCatalog.Names.Where(n => n != "zdt1"))
        {
            TestProblem problem = TestProblemCatalog.Create(name, name is "branin" or "hartmann6" ? null : 3);
            Study study = Study.Create(new StudyOptions { Sampler = SamplerCatalog.Create(sampler, 1, 30), Pruner = new NopPruner() });
            study.OptimizeMultiObjective(problem.Evaluate, nTrials: 30);
            Assert.True(study.BestValue >= problem.KnownOptimum!.Value - 1e-9, $"{sampler} on {name}: {study.BestValue} below the optimum");
        }
    }
}
