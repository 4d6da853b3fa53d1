using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class TextProgressWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 23, 50, 1, TimeSpan.Zero);

    [Fact]
    public void Iteration_line_names_the_training_part_and_labels_the_phase_and_pass_eta()
    {
        var p = new PhasedProgress("iteration", 2, "1b", "ts_neurons", 40, 200, 10.43219, 0.0521, 1, 4, 0.314, TimeSpan.FromSeconds(3725),
            PassEta: TimeSpan.FromSeconds(4 * 3600 + 5));
        Assert.Equal(
            "2026-11-21 23:50:01 pass 2 | 1b ts_neurons | iter 40/200 | best train-part CE 10.4322 nats acc 5.21% | patience 1/4 | 0.31 genomes/s "
            + "| phase ETA 1:02:05 | pass ETA ≤ 4:00:05",
            TextProgressWriter.Format(p, At));
    }

    [Fact]
    public void Phase_end_and_baseline_lines_say_full_data()
    {
        var end = new PhasedProgress("phase_end", 1, "1a", "ga_neurons", 12, 100, 10.5887, 0.0, 0, 2, 1.0, null);
        var baseline = new PhasedProgress("baseline", 1, "", "baseline", 0, 0, 10.9, 0.001, 0, 2, 0, null);
        Assert.Equal("2026-11-21 23:50:01 pass 1 | 1a ga_neurons | done after 12 iterations | best full-data CE 10.5887 nats acc 0.00%",
            TextProgressWriter.Format(end, At));
        Assert.Equal("2026-11-21 23:50:01 pass 1 | baseline | full-data CE 10.9000 nats acc 0.10%", TextProgressWriter.Format(baseline, At));
    }
}
