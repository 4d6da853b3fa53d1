using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Model;

public sealed class TierConfigTests
{
    [Fact]
    public void Parses_the_default_three_tier_string()
    {
        TierConfig config = TierConfig.Parse("100,15,20;400,10,12;rest,5,8");
        Assert.Equal(3, config.Tiers.Count);
        Assert.Equal(new Tier(100, 15, 20), config.Tiers[0]);
        Assert.Equal(new Tier(null, 5, 8), config.Tiers[2]);
        Assert.Equal("100,15,20;400,10,12;rest,5,8", config.ToString());
    }

    [Theory]
    [InlineData("100,15", "expected count,neurons,bits")]
    [InlineData("x,15,20", "count 'x' is not an integer")]
    [InlineData("rest,5,8;100,15,20", "'rest' is allowed only in the last tier")]
    [InlineData("10,0,8", "neurons 0 must be at least 1")]
    [InlineData("10,5,31", "bits 31 must be in [1, 30]")]
    [InlineData("", "tier config is empty")]
    public void Rejects_invalid_strings_naming_the_problem(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => TierConfig.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assigns_tiers_by_rank_and_the_rest_to_the_last()
    {
        int[] tiers = TierConfig.Parse("2,3,4;3,2,5;rest,1,6").TierOfClusters(7);
        Assert.Equal(new[] { 0, 0, 1, 1, 1, 2, 2 }, tiers);
    }
}
