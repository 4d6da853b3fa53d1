using System.IO.Compression;
using System.Text.Json;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>
/// A small real executor for tests: for each phase of <c>config.phases</c> (default 1a, 1b) it starts an experiment,
/// reports <c>config.iterations</c> iterations with best CE 10 − 0.125·i, writes a gzip JSON checkpoint atomically and
/// registers it. Skips phases already completed (resume). On cancellation it leaves a checkpoint, then throws.
/// <c>config.delay_ms</c> slows iterations; <c>config.fail_at</c> names a phase that throws.
/// </summary>
public sealed class ScriptedFlowExecutor : IFlowExecutor
{
    public async Task ExecuteAsync(FlowRecord flow, IFlowProgress progress, CancellationToken cancellationToken)
    {
        using JsonDocument config = JsonDocument.Parse(flow.ConfigJson);
        JsonElement root = config.RootElement;
        string[] phases = root.TryGetProperty("phases", out JsonElement p) ? p.EnumerateArray().Select(e => e.GetString()!).ToArray() : ["1a", "1b"];
        int iterations = root.TryGetProperty("iterations", out JsonElement it) ? it.GetInt32() : 3;
        int delayMs = root.TryGetProperty("delay_ms", out JsonElement d) ? d.GetInt32() : 0;
        string? failAt = root.TryGetProperty("fail_at", out JsonElement f) ? f.GetString() : null;

        IReadOnlyList<ExperimentRecord> done = await progress.GetExperimentsAsync(cancellationToken);
        for (int sequence = 0; sequence < phases.Length; sequence++)
        {
            string phase = phases[sequence];
            if (done.Any(e => e.PhaseKey == phase && e.Status == ExperimentStatus.Completed))
            {
                continue;
            }

            string kind = phase.EndsWith('a') ? "ga" : "ts";
            ExperimentRecord experiment = await progress.StartExperimentAsync(
                new NewExperiment($"Phase {phase}", phase, kind, "neurons", null, sequence), cancellationToken);
            if (phase == failAt)
            {
                throw new InvalidOperationException($"scripted failure in phase {phase}");
            }

            double best = double.NaN;
            int ran = 0;
            try
            {
                for (int i = 1; i <= iterations; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (delayMs > 0)
                    {
                        await Task.Delay(delayMs, cancellationToken);
                    }

                    best = 10 - (0.125 * i);
                    ran = i;
                    await progress.ReportIterationAsync(new IterationRecord
                    {
                        ExperimentId = experiment.Id,
                        Iteration = i,
                        BestCe = best,
                        MeanCe = best + 0.5,
                        BestAccuracy = 0.01 * i,
                        MeanAccuracy = 0.005 * i,
                        PatienceCounter = 0,
                        ElapsedSeconds = i * 0.5,
                    }, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // Cooperative stop: leave a checkpoint of the work so far, record the phase as cancelled, then stop.
                await WriteCheckpointAsync(progress, experiment, $"phase-{phase}-stopped", best, ran, isFinal: false);
                await progress.CompleteExperimentAsync(experiment.Id,
                    new ExperimentResult(ExperimentStatus.Cancelled, double.IsNaN(best) ? null : best, null, ran), CancellationToken.None);
                throw;
            }

            await WriteCheckpointAsync(progress, experiment, $"phase-{phase}", best, ran, isFinal: true);
            await progress.CompleteExperimentAsync(experiment.Id, new ExperimentResult(ExperimentStatus.Completed, best, 0.01 * ran, ran),
                CancellationToken.None);
        }
    }

    private static async Task WriteCheckpointAsync(IFlowProgress progress, ExperimentRecord experiment, string name, double best, int ran, bool isFinal)
    {
        string path = Path.Combine(progress.CheckpointDirectory, $"{name}-{experiment.Id}.json.gz");
        string temp = path + ".tmp";
        await using (FileStream file = File.Create(temp))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await JsonSerializer.SerializeAsync(gzip, new { experiment_id = experiment.Id, fitness = double.IsNaN(best) ? (double?)null : best, iterations = ran });
        }

        File.Move(temp, path, overwrite: true);
        await progress.RegisterCheckpointAsync(new NewCheckpoint(name, path, experiment.Id, double.IsNaN(best) ? null : best, null, ran,
            """{"clusters":4,"neurons":8}""", isFinal), CancellationToken.None);
    }
}
