namespace Wnn.Search.Tests;

public sealed class EndpointScaleTests
{
    [Fact]
    public void Ends_map_to_zero_and_one_and_points_back_to_the_nearest_legal_value()
    {
        var log = new FloatDistribution(1e-4, 1e-1, log: true);
        Assert.Equal(0.0, EndpointScale.ToUnit(log, 1e-4), 12);
        Assert.Equal(1.0, EndpointScale.ToUnit(log, 1e-1), 12);
        Assert.Equal(Math.Pow(10, -2.5), EndpointScale.FromUnit(log, 0.5), 12);
        var ints = new IntDistribution(1, 5);
        Assert.Equal([1.0, 2, 3, 4, 5], new[] { 0, 0.25, 0.5, 0.75, 1 }.Select(u => EndpointScale.FromUnit(ints, u)));
        Assert.Equal(0.75, EndpointScale.ToUnit(ints, 4));
        var stepped = new FloatDistribution(0, 1, step: 0.25);
        Assert.Equal(0.5, EndpointScale.FromUnit(stepped, 0.55));
        var c = new CategoricalDistribution(["a", "b", "c"]);
        Assert.Equal(0.5, EndpointScale.ToUnit(c, 1));
        Assert.Equal(2.0, EndpointScale.FromUnit(c, 2.5)); // clamped to [0, 1]
    }
}
