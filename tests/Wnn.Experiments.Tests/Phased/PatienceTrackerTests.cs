using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class PatienceTrackerTests
{
    [Fact]
    public void Counter_rises_without_enough_improvement_and_falls_with_it()
    {
        var t = new PatienceTracker(patience: 2, checkInterval: 10, minImprovementPct: 0.5, initialBest: 10.0);
        Assert.False(t.Update(5, 9.0));              // not a check iteration
        Assert.False(t.Update(10, 9.99));            // 0.1% < 0.5% → 1
        Assert.Equal(1, t.Counter);
        Assert.Equal(PressureLevel.Warning, t.Pressure);
        Assert.False(t.Update(20, 9.0));             // 9.9% → 0
        Assert.Equal(0, t.Counter);
        Assert.False(t.Update(30, 9.0));             // 0% → 1
        Assert.True(t.Update(40, 9.0));              // → 2 = patience: stop
    }

    [Fact]
    public void Pressure_rises_from_warning_to_critical_as_the_counter_nears_the_patience()
    {
        var t = new PatienceTracker(patience: 4, checkInterval: 1, minImprovementPct: 1.0, initialBest: 10.0);
        Assert.Equal(PressureLevel.Normal, t.Pressure);
        t.Update(1, 10.0);
        Assert.Equal(PressureLevel.Warning, t.Pressure);
        t.Update(2, 10.0);
        Assert.Equal(PressureLevel.Warning, t.Pressure);
        t.Update(3, 10.0);
        Assert.Equal(PressureLevel.Critical, t.Pressure);
        t.Update(4, 5.0);
        Assert.Equal(PressureLevel.Warning, t.Pressure);
    }

    [Fact]
    public void Counter_does_not_go_below_zero()
    {
        var t = new PatienceTracker(3, 1, 0.05, 10.0);
        t.Update(1, 5.0);
        Assert.Equal(0, t.Counter);
    }

    [Fact]
    public void Rotation_visits_every_part_once_per_cycle()
    {
        for (int cycle = 0; cycle < 4; cycle++)
        {
            var parts = Enumerable.Range(0, 3).Select(i => Rotation.Part(42, (cycle * 3) + i, 3)).Order().ToArray();
            Assert.Equal([0, 1, 2], parts);
        }

        Assert.Equal((0, 3), Rotation.Range(10, 3, 0));
        Assert.Equal((6, 4), Rotation.Range(10, 3, 2));
    }

    [Fact]
    public void Threshold_rises_linearly_to_start_plus_delta()
    {
        Assert.Equal(0.01, AccuracyThreshold.At(0.01, 0.02, 100, 0));
        Assert.Equal(0.02, AccuracyThreshold.At(0.01, 0.02, 100, 50), 12);
        Assert.Equal(0.03, AccuracyThreshold.At(0.01, 0.02, 100, 500), 12);
    }
}
