using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

/// <summary>The pass ETA: the phase's ETA plus the later phases' budgets at the current rate; equal to it in the last phase.</summary>
public sealed class PassEtaTests
{
    private sealed class Recorder : IPhasedProgress
    {
        public List<PhasedProgress> Iterations { get; } = [];

        public void Report(PhasedProgress progress)
        {
            if (progress.Event == "iteration")
            {
                Iterations.Add(progress);
            }
        }
    }

    [Fact]
    public void Each_iteration_reports_a_phase_eta_and_a_pass_eta_that_covers_the_remaining_phases()
    {
        var config = Synthetic.SmallConfig();
        var recorder = new Recorder();
        new PhasedRunner(config, Synthetic.Data(config), new PhasedRunOptions { Progress = recorder }).Run();

        Assert.NotEmpty(recorder.Iterations);
        IReadOnlyList<PhaseSpec> order = PhaseSpec.Order(config);
        foreach (PhasedProgress p in recorder.Iterations)
        {
            TimeSpan phase = p.Eta!.Value;
            TimeSpan pass = p.PassEta!.Value;
            int index = order.ToList().FindIndex(s => s.Key == p.Phase);
            // Later phases' budgets at this phase's evaluation rate (GA: population, TS: neighbors per iteration).
            double later = order.Skip(index + 1).Sum(s => s.Kind == PhaseKind.GeneticAlgorithm
                ? config.GaGenerations * (double)config.PopulationSize
                : config.TsIterations * (double)config.NeighborsPerIter) / p.GenomesPerSecond;
            Assert.Equal(phase.TotalSeconds + later, pass.TotalSeconds, 3);
            if (index == order.Count - 1)
            {
                Assert.Equal(phase, pass);
            }
            else
            {
                Assert.True(pass > phase, $"{p.Phase}: pass ETA {pass} not beyond phase ETA {phase}");
            }
        }
    }
}
