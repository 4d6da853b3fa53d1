using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class TabuMemoryTests
{
    [Fact]
    public void A_move_overlapping_more_than_half_of_a_recent_move_is_tabu()
    {
        var tabu = new TabuMemory(tenure: 2);
        tabu.Add([1, 2, 3, 4]);
        Assert.True(tabu.IsTabu([1, 2, 3]));        // 3/3 overlap
        Assert.True(tabu.IsTabu([2, 3, 9]));        // 2/3 > 50%
        Assert.False(tabu.IsTabu([3, 9]));          // 1/2 is not more than half
        Assert.False(tabu.IsTabu([7, 8, 9]));
        Assert.False(tabu.IsTabu([]));
    }

    [Fact]
    public void Moves_older_than_the_tenure_are_forgotten()
    {
        var tabu = new TabuMemory(tenure: 2);
        tabu.Add([1]);
        tabu.Add([2]);
        Assert.True(tabu.IsTabu([1]));
        tabu.Add([3]);
        Assert.False(tabu.IsTabu([1]));
        Assert.True(tabu.IsTabu([2]));
        Assert.Equal([[2], [3]], tabu.Moves);
    }

    [Fact]
    public void A_tabu_move_is_admitted_only_when_it_yields_a_new_global_best()
    {
        var tabu = new TabuMemory(tenure: 10);
        tabu.Add([5, 6]);
        Assert.False(tabu.Admits([5, 6], crossEntropy: 4.0, globalBestCrossEntropy: 3.5));
        Assert.False(tabu.Admits([5, 6], crossEntropy: 3.5, globalBestCrossEntropy: 3.5));
        Assert.True(tabu.Admits([5, 6], crossEntropy: 3.4, globalBestCrossEntropy: 3.5));
        Assert.True(tabu.Admits([7, 8], crossEntropy: 9.0, globalBestCrossEntropy: 3.5));
    }

    [Fact]
    public void Overlap_is_the_share_of_the_new_move_in_the_old_one()
    {
        Assert.Equal(0.5, TabuMemory.Overlap([1, 3], [3, 4, 5]));
        Assert.Equal(1.0, TabuMemory.Overlap([4], [3, 4, 5]));
    }

    [Fact]
    public void Zero_tenure_remembers_nothing()
    {
        var tabu = new TabuMemory(0);
        tabu.Add([1]);
        Assert.False(tabu.IsTabu([1]));
    }
}
