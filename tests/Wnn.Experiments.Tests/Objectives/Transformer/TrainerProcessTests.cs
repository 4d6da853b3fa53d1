using Wnn.Experiments.Objectives.Transformer;
using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

/// <summary>The real PyTorch trainer through the temporary runner (a short training run each).</summary>
public sealed class TrainerProcessTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static PatchTstTrainerProcess Runner()
    {
        TorchCounter.RequireTorch();
        return new PatchTstTrainerProcess(TorchPython.Resolve(), TorchCounter.Script);
    }

    [Fact]
    public void A_trial_trains_reports_val_loss_per_epoch_and_writes_its_param_count()
    {
        PatchTstTrainerProcess runner = Runner();
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), Pruner = new NopPruner() });
        Trial trial = study.Ask();
        var a = new Architecture(32, 1, 2, 64);
        string[] overrides = ["d_model=32", "n_layers=1", "n_heads=2", "d_ff=64", "epochs=3", "batch_size=128", "warmup_steps=2", "data_len=800", "seed=4"];
        TrainerRunResult r = runner.Run(overrides, _dir.File("t0"), trial, CancellationToken.None);
        FrozenTrial frozen = trial.Snapshot();
        Assert.Equal([0, 1, 2], frozen.IntermediateValues.Keys.Order());
        Assert.Equal(frozen.IntermediateValues.Values.Min(), r.ValLoss);
        Assert.True(r.ValLoss is > 0 and < 10, $"val_loss {r.ValLoss}");
        Assert.Equal(ArchitectureParamCount.PatchTst(a, new PatchTstShape()), r.Metrics.ParamCount);
        Assert.Equal(r.Metrics.BestValLoss, r.ValLoss);
        Assert.True(File.Exists(_dir.File("t0/metrics.jsonl")));
        Assert.Contains("epoch 3/3", File.ReadAllText(_dir.File("t0/trainer.log")), StringComparison.Ordinal);

        // Same seed, same data: the same losses (the runs are deterministic).
        TrainerRunResult again = runner.Run(overrides, _dir.File("t1"), null, CancellationToken.None);
        Assert.Equal(r.Metrics.ValLoss, again.Metrics.ValLoss);
    }

    [Fact]
    public void A_prune_request_stops_the_trainer_after_the_epoch_that_triggered_it()
    {
        PatchTstTrainerProcess runner = Runner();
        // Every val_loss is above 1e-9: the first reported epoch prunes.
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), Pruner = new ThresholdPruner(upper: 1e-9) });
        Trial trial = study.Ask();
        Assert.Throws<TrialPrunedException>(() => runner.Run(
            ["d_model=32", "n_layers=1", "n_heads=2", "d_ff=64", "epochs=200", "batch_size=128", "data_len=800"], _dir.File("p"), trial, CancellationToken.None));
        string[] lines = File.ReadAllLines(_dir.File("p/metrics.jsonl"));
        Assert.DoesNotContain(lines, l => l.Contains("\"final\"", StringComparison.Ordinal));
        int epochs = TrainerMetrics.Parse(lines).ValLoss.Count;
        Assert.InRange(epochs, 1, 20);
        Thread.Sleep(1500);
        // Killed: nothing is appended any more.
        Assert.Equal(lines.Length, File.ReadAllLines(_dir.File("p/metrics.jsonl")).Length);
    }

    [Theory]
    [InlineData("n_heads=3", "n_heads=3 does not divide d_model=64")]
    [InlineData("epochs=ten", "epochs=ten: expected int")]
    [InlineData("lr=0.1", "unknown key 'lr'")]
    public void Bad_arguments_fail_the_run_with_the_trainers_message(string bad, string expected)
    {
        var ex = Assert.Throws<TrainerRunException>(() => Runner().Run([bad], _dir.File("bad"), null, CancellationToken.None));
        Assert.Contains("trainer exited with code 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metrics_file_follows_WNN_METRICS_FILE()
    {
        string metrics = _dir.File("elsewhere/m.jsonl");
        Directory.CreateDirectory(_dir.File("elsewhere"));
        var (code, _, stderr) = TorchCounter.RunPython(["d_model=16", "n_layers=1", "n_heads=2", "d_ff=32", "epochs=1", "data_len=500"], null, TimeSpan.FromMinutes(5), _dir.Path, metrics);
        Assert.True(code == 0, stderr);
        TrainerMetrics m = TrainerMetrics.Parse(File.ReadAllLines(metrics));
        Assert.Single(m.ValLoss);
        Assert.NotNull(m.BestValLoss);
        Assert.False(File.Exists(_dir.File("metrics.jsonl")));
    }

    [Fact]
    public void Metrics_parsing_skips_partial_and_foreign_lines()
    {
        TrainerMetrics m = TrainerMetrics.Parse([
            "{\"event\": \"start\", \"param_count\": 1234}", "not json", "[1,2]", "{\"step\": 0, \"val_loss\": 0.5}",
            "{\"step\": 1, \"val_loss\": 0.4, \"train_loss\": 0.6}", "{\"step\": 2, \"val_loss\": 0.45}", "{\"step\": 3, \"val_lo",
        ]);
        Assert.Equal(1234, m.ParamCount);
        Assert.Equal([0, 1, 2], m.ValLoss.Select(p => p.Key));
        Assert.Null(m.BestValLoss);
        Assert.Equal(0.4, m.Objective);
    }
}
