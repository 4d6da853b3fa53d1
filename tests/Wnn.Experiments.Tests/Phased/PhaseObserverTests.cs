using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class PhaseObserverTests
{
    private sealed class Recorder(string directory) : IPhaseObserver, IPhasedProgress
    {
        public List<string> Calls { get; } = [];

        public List<PhasedProgress> Iterations { get; } = [];

        public void PhaseStarting(PhaseSpec phase, int phaseIndex, int iteration) => Calls.Add($"start {phase.Key} {phaseIndex} {iteration}");

        public void PhaseCompleted(PhaseSpec phase, int phaseIndex, PhaseResult result, string? checkpointPath)
        {
            // The phase file is complete and the mid-phase file gone when the observer hears of it.
            Assert.True(checkpointPath is not null && File.Exists(checkpointPath), checkpointPath);
            Assert.False(File.Exists(Path.Combine(directory, phase.MidFileName)));
            Calls.Add($"done {phase.Key} {phaseIndex} {Path.GetFileName(checkpointPath)} {result.Iterations}");
        }

        public void Report(PhasedProgress progress)
        {
            if (progress.Event == "iteration")
            {
                Iterations.Add(progress);
            }
        }
    }

    [Fact]
    public void Observer_hears_each_phase_start_and_completion_in_order_with_its_checkpoint()
    {
        using var dir = new TempDir();
        var config = Synthetic.SmallConfig();
        var recorder = new Recorder(dir.Path);
        PhasedRunResult result = new PhasedRunner(config, Synthetic.Data(config),
            new PhasedRunOptions { CheckpointDirectory = dir.Path, Observer = recorder, Progress = recorder }).Run();

        string[] expected = [.. PhaseSpec.Order(config).SelectMany((p, i) => new[]
        {
            $"start {p.Key} {i} 0", $"done {p.Key} {i} {p.FileName} {result.Phases[i].Iterations}",
        })];
        Assert.Equal(expected, recorder.Calls);
        Assert.All(recorder.Iterations, p =>
        {
            Assert.True(p.MeanCrossEntropy >= p.BestCrossEntropy);
            Assert.InRange(p.MeanAccuracy!.Value, 0, 1);
            Assert.Equal(config.ThresholdStart, p.Threshold!.Value, 0.5);
        });
    }

    [Fact]
    public void Observer_hears_the_iteration_a_resumed_phase_continues_from()
    {
        using var dir = new TempDir();
        var config = Synthetic.SmallConfig();
        using var cts = new CancellationTokenSource();
        var counter = new EvaluationCounter(60, cts);
        Assert.Throws<PhasedRunCancelledException>(() => new PhasedRunner(config, Synthetic.Data(config, factory: counter.Wrap),
            new PhasedRunOptions { CheckpointDirectory = dir.Path }).Run(cts.Token));
        string mid = Directory.GetFiles(dir.Path, "*.mid.json.gz").Single();
        string phase = Path.GetFileName(mid)[6..8];
        int midIteration = CheckpointStore.Load(mid).State!.Iteration;

        var recorder = new Recorder(dir.Path);
        new PhasedRunner(config, Synthetic.Data(config), new PhasedRunOptions
        {
            CheckpointDirectory = dir.Path,
            ResumeFrom = phase,
            Observer = recorder,
        }).Run();

        Assert.True(midIteration > 0);
        Assert.Equal($"start {phase} {PhaseSpec.ValidKeys.ToList().IndexOf(phase)} {midIteration}", recorder.Calls[0]);
        Assert.Equal(12 - (2 * PhaseSpec.ValidKeys.ToList().IndexOf(phase)), recorder.Calls.Count);
    }
}
