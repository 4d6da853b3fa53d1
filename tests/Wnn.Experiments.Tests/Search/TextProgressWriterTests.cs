using Wnn.Experiments.Search;

namespace Wnn.Experiments.Tests.Search;

public sealed class TextProgressWriterTests
{
    [Fact]
    public void Iteration_line_has_time_phase_best_patience_rate_and_eta()
    {
        var p = new SearchProgress("iteration", 2, "1b", "ts_neurons", 40, 200, 10.43219, 0.0521, 1, 4, 0.314, TimeSpan.FromSeconds(3725));
        string line = TextProgressWriter.Format(p, new DateTimeOffset(2026, 11, 21, 23, 50, 1, TimeSpan.Zero));
        Assert.Equal(
            "2026-11-21 23:50:01 pass 2 | 1b ts_neurons | iter 40/200 | best CE 10.4322 acc 5.21% | patience 1/4 | 0.31 genomes/s | ETA 1:02:05",
            line);
    }
}
