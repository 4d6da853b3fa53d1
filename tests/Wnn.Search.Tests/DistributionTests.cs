using Wnn.Search;

namespace Wnn.Search.Tests;

public sealed class DistributionTests
{
    [Fact]
    public void Float_with_low_not_below_high_is_rejected_naming_both_bounds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FloatDistribution(1.0, 1.0));
        Assert.Contains("low (1)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("high (1)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FloatDistribution(2.0, 1.0));
    }

    [Fact]
    public void Log_scale_with_non_positive_low_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FloatDistribution(0.0, 1.0, log: true));
        Assert.Contains("low > 0", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, log: true));
        Assert.Throws<ArgumentException>(() => new IntDistribution(1, 10, log: true, step: 3));
        Assert.Throws<ArgumentException>(() => new FloatDistribution(1, 10, log: true, step: 1));
    }

    [Fact]
    public void Step_that_does_not_divide_the_range_is_rejected_with_the_allowed_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, step: 0.3));
        Assert.Contains("does not divide", ex.Message, StringComparison.Ordinal);
        var iex = Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: 3));
        Assert.Contains("high = 9", iex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: 0));
        _ = new FloatDistribution(0, 1, step: 0.1);
        _ = new IntDistribution(0, 10, step: 5);
    }

    [Fact]
    public void Categorical_rejects_empty_duplicate_and_unsupported_choices()
    {
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution([]));
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution([new object()]));
        Assert.Throws<ArgumentException>(() => new FloatDistribution(double.NaN, 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.999999)]
    [InlineData(1.0)]
    public void Unit_transform_always_lands_on_legal_values(double u)
    {
        ParameterDistribution[] all =
        [
            new FloatDistribution(-2, 3),
            new FloatDistribution(1e-5, 1e-1, log: true),
            new FloatDistribution(0, 1, step: 0.25),
            new IntDistribution(-3, 7),
            new IntDistribution(1, 1000, log: true),
            new IntDistribution(0, 20, step: 5),
            new CategoricalDistribution(["a", 1, 2.5, null, true]),
        ];
        foreach (ParameterDistribution d in all)
        {
            double v = d.FromUnit(u);
            Assert.True(d.Contains(v), $"{d} does not contain {v}");
            Assert.InRange(d.ToUnit(v), 0, 1);
            Assert.Equal(v, d.FromUnit(d.ToUnit(v)), 9);
        }
    }

    [Fact]
    public void Discrete_unit_cells_are_equally_wide()
    {
        var d = new IntDistribution(0, 20, step: 5);
        int[] counts = new int[5];
        for (int i = 0; i < 1000; i++)
        {
            counts[(int)d.FromUnit((i + 0.5) / 1000) / 5]++;
        }

        Assert.All(counts, c => Assert.Equal(200, c));
        Assert.Equal(0.5, new FloatDistribution(1e-4, 1, log: true).ToUnit(1e-2), 12);
    }

    [Fact]
    public void Distributions_compare_by_value()
    {
        Assert.Equal(new FloatDistribution(0, 1, log: false), new FloatDistribution(0, 1));
        Assert.NotEqual<ParameterDistribution>(new FloatDistribution(0, 1), new FloatDistribution(0, 2));
        Assert.Equal(new CategoricalDistribution(["x", 1]), new CategoricalDistribution(["x", 1]));
        Assert.NotEqual<ParameterDistribution>(new IntDistribution(0, 1), new FloatDistribution(0, 1));
    }

    [Fact]
    public void Values_outside_the_domain_are_rejected_when_converted()
    {
        Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: 2).ToInternal(3));
        Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1).ToInternal(1.5));
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a"]).ToInternal("b"));
        Assert.Equal(1.0, new CategoricalDistribution(["a", "b"]).ToInternal("b"));
    }
}
