using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

public sealed class ArchitectureGridTests
{
    public static TheoryData<TransformerModelKind, int> ModelsAndHorizons()
    {
        var data = new TheoryData<TransformerModelKind, int>();
        foreach (int h in HpoTemplates.DefaultHorizons)
        {
            data.Add(TransformerModelKind.PatchTst, h);
        }

        data.Add(TransformerModelKind.TransformerEncoder, 1);
        return data;
    }

    [Fact]
    public void Every_grid_architecture_has_n_heads_dividing_d_model_and_values_from_the_search_space()
    {
        IReadOnlyList<SizedArchitecture> grid = ArchitectureGrid.Generate(TransformerModelKind.PatchTst);
        Assert.True(grid.Count > 1000, $"grid has {grid.Count}");
        foreach (SizedArchitecture s in grid)
        {
            Architecture a = s.Architecture;
            Assert.Equal(0, a.DModel % a.NHeads);
            Assert.True(a.HeadDim >= ArchSearchSpace.MinHeadDim);
            Assert.InRange(a.DFf, a.DModel, ArchSearchSpace.MaxFfRatio * a.DModel);
            Assert.Contains(a.DModel, ArchSearchSpace.DModel);
            Assert.Contains(a.NLayers, ArchSearchSpace.NLayers);
            Assert.Contains(a.NHeads, ArchSearchSpace.NHeads);
            Assert.Contains(a.DFf, ArchSearchSpace.DFf);
        }

        Assert.Equal(grid.Count, grid.Select(s => s.Architecture).Distinct().Count());
        // Every valid combination is there: 3 heads never divide a power of two, 48 = 3·16 does take 1, 2, 4 (head dim ≥ 8).
        Assert.Contains(grid, s => s.Architecture == new Architecture(48, 1, 2, 192));
        Assert.DoesNotContain(grid, s => s.Architecture.DModel == 48 && s.Architecture.NHeads == 8);
    }

    [Theory]
    [MemberData(nameof(ModelsAndHorizons))]
    public void Each_named_budget_gets_25_to_35_architectures_within_25_percent_with_its_extremes(TransformerModelKind model, int horizon)
    {
        var shape = new PatchTstShape { Horizon = horizon };
        IReadOnlyList<SizedArchitecture> grid = ArchitectureGrid.Generate(model, shape);
        foreach (ParamBudget budget in ParamBudget.Named)
        {
            IReadOnlyList<SizedArchitecture> list = ArchitectureGrid.ForBudget(budget, model, shape);
            Assert.InRange(list.Count, ArchitectureGrid.MinSelection, ArchitectureGrid.MaxSelection);
            Assert.All(list, s => Assert.InRange(s.ParamCount, budget.Target * 0.75, budget.Target * 1.25));
            Assert.All(list, s => Assert.Equal(ArchitectureParamCount.Estimate(model, s.Architecture, shape), s.ParamCount));
            Assert.Equal(list.Count, list.Distinct().Count());
            Assert.Equal(list.OrderBy(s => s.ParamCount), list);

            IReadOnlyList<SizedArchitecture> band = ArchitectureGrid.FilterByBudget(grid, budget.Target);
            Assert.Equal(band.Min(s => s.ParamCount), list[0].ParamCount);
            Assert.Equal(band.Max(s => s.ParamCount), list[^1].ParamCount);
            Assert.Equal(band.Min(s => s.Architecture.NLayers), list.Min(s => s.Architecture.NLayers));
            Assert.Equal(band.Max(s => s.Architecture.NLayers), list.Max(s => s.Architecture.NLayers));
            Assert.Equal(band.Min(s => s.Architecture.DModel), list.Min(s => s.Architecture.DModel));
            Assert.Equal(band.Max(s => s.Architecture.DModel), list.Max(s => s.Architecture.DModel));
            Assert.Equal(band.Min(s => s.Architecture.DFf), list.Min(s => s.Architecture.DFf));
            Assert.Equal(band.Max(s => s.Architecture.DFf), list.Max(s => s.Architecture.DFf));
            Assert.Equal(band.Max(s => s.Architecture.NHeads), list.Max(s => s.Architecture.NHeads));
            foreach (SizedArchitecture extreme in ArchitectureGrid.Extremes(band, budget.Target).Values)
            {
                Assert.Contains(extreme, list);
            }

            // Architectures differ in shape, not only in head count.
            Assert.True(list.Select(s => (s.Architecture.DModel, s.Architecture.NLayers, s.Architecture.DFf)).Distinct().Count() >= 15);
        }
    }

    [Fact]
    public void Filter_by_budget_keeps_exactly_the_architectures_within_the_tolerance()
    {
        IReadOnlyList<SizedArchitecture> grid = ArchitectureGrid.Generate(TransformerModelKind.TransformerEncoder);
        IReadOnlyList<SizedArchitecture> band = ArchitectureGrid.FilterByBudget(grid, 1_000_000);
        Assert.Equal(grid.Count(s => s.ParamCount >= 750_000 && s.ParamCount <= 1_250_000), band.Count);
        Assert.True(band.Count > ArchitectureGrid.MaxSelection);
        Assert.Equal(grid.Count(s => s.ParamCount >= 900_000 && s.ParamCount <= 1_100_000), ArchitectureGrid.FilterByBudget(grid, 1_000_000, 0.10).Count);
    }

    [Fact]
    public void Selection_is_deterministic()
    {
        ParamBudget b = ParamBudget.Parse("500K");
        Assert.Equal(ArchitectureGrid.ForBudget(b, TransformerModelKind.PatchTst), ArchitectureGrid.ForBudget(b, TransformerModelKind.PatchTst));
    }

    [Theory]
    [InlineData("100M", "-6")]
    [InlineData("1K", "+")]
    public void A_budget_no_architecture_meets_names_the_nearest(string budget, string sign)
    {
        var ex = Assert.Throws<ArgumentException>(() => ArchitectureGrid.ForBudget(ParamBudget.Parse(budget), TransformerModelKind.PatchTst));
        Assert.Contains("the nearest is d", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"({sign}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the grid spans", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200K", 200_000, "200K")]
    [InlineData("2M", 2_000_000, "2M")]
    [InlineData("1.5m", 1_500_000, "1.5M")]
    [InlineData("750000", 750_000, "750K")]
    [InlineData("123456", 123_456, "123456")]
    public void Budgets_parse_and_print(string text, long target, string name)
    {
        ParamBudget b = ParamBudget.Parse(text);
        Assert.Equal(target, b.Target);
        Assert.Equal(name, b.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2G")]
    [InlineData("-5K")]
    [InlineData("lots")]
    [InlineData("0")]
    public void Bad_budgets_are_refused_saying_what_is_accepted(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ParamBudget.Parse(text));
        Assert.Contains("allowed: a positive count like 500000, 200K or 1.5M", ex.Message, StringComparison.Ordinal);
    }
}
