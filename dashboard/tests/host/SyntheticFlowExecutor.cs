using System.IO.Compression;
using System.Text.Json;
using Wnn.Storage;

namespace Wnn.Dashboard.TestHost;

/// <summary>
/// Runs a flow's phases (standard-6-phase, honouring phase_order, ga_generations and ts_iterations) with synthetic,
/// deterministic fitness values instead of a real search, one iteration per <c>delay</c>, and writes a real gzip
/// checkpoint at the end of each phase. Resumes after the last completed phase; a stop leaves a checkpoint.
/// </summary>
public sealed class SyntheticFlowExecutor(TimeSpan delay) : IFlowExecutor
{
    private static readonly (string Key, string Kind, string Dimension)[] NeuronsFirst =
    [
        ("1a", "ga", "neurons"), ("1b", "ts", "neurons"), ("2a", "ga", "bits"), ("2b", "ts", "bits"), ("3a", "ga", "connections"),
        ("3b", "ts", "connections"),
    ];

    public async Task ExecuteAsync(FlowRecord flow, IFlowProgress progress, CancellationToken cancellationToken)
    {
        using JsonDocument config = JsonDocument.Parse(flow.ConfigJson);
        JsonElement root = config.RootElement;
        int gaGenerations = Find(root, ConfigKeys.GaGenerations) is { } ga && ga.TryGetInt32(out int g) ? g : 5;
        int tsIterations = Find(root, ConfigKeys.TsIterations) is { } ts && ts.TryGetInt32(out int t) ? t : 5;
        bool bitsFirst = Find(root, ConfigKeys.PhaseOrder) is { ValueKind: JsonValueKind.String } order && order.GetString() == "bits_first";
        var phases = NeuronsFirst.Select(p => bitsFirst && p.Dimension != "connections"
            ? (p.Key, p.Kind, Dimension: p.Dimension == "neurons" ? "bits" : "neurons")
            : p).ToArray();

        CheckpointRecord? seed = await progress.GetSeedCheckpointAsync(cancellationToken);
        double ce = seed?.FinalFitness ?? 10.6;
        double accuracy = seed?.FinalAccuracy ?? 0.02;
        IReadOnlyList<ExperimentRecord> done = await progress.GetExperimentsAsync(cancellationToken);
        for (int sequence = 0; sequence < phases.Length; sequence++)
        {
            (string key, string kind, string dimension) = phases[sequence];
            if (done.FirstOrDefault(e => e.PhaseKey == key && e.Status == ExperimentStatus.Completed) is ExperimentRecord previous)
            {
                ce = previous.BestFitness ?? ce;
                accuracy = previous.BestAccuracy ?? accuracy;
                continue;
            }

            string title = $"Phase {key}: {kind.ToUpperInvariant()} {char.ToUpperInvariant(dimension[0])}{dimension[1..]}";
            ExperimentRecord experiment = await progress.StartExperimentAsync(new NewExperiment(title, key, kind, dimension, null, sequence), cancellationToken);
            int iterations = kind == "ga" ? gaGenerations : tsIterations;
            int ran = 0;
            try
            {
                for (int i = 1; i <= iterations; i++)
                {
                    await Task.Delay(delay, cancellationToken);
                    // A decaying improvement with a small deterministic wobble, so that charts have shape.
                    ce -= 0.04 * Math.Exp(-0.15 * i) + 0.002;
                    accuracy += 0.0015 * Math.Exp(-0.1 * i);
                    ran = i;
                    await progress.ReportIterationAsync(new IterationRecord
                    {
                        ExperimentId = experiment.Id,
                        Iteration = i,
                        BestCe = ce,
                        MeanCe = ce + 0.08 + (0.02 * Math.Sin(i)),
                        BestAccuracy = accuracy,
                        MeanAccuracy = accuracy * 0.93,
                        Threshold = ce + 0.01,
                        PatienceCounter = i % 3,
                        ElapsedSeconds = i * delay.TotalSeconds,
                    }, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                await WriteCheckpointAsync(progress, experiment, $"{key}-stopped", ce, accuracy, ran, isFinal: false);
                await progress.CompleteExperimentAsync(experiment.Id, new ExperimentResult(ExperimentStatus.Cancelled, ce, accuracy, ran), CancellationToken.None);
                throw;
            }

            await WriteCheckpointAsync(progress, experiment, key, ce, accuracy, ran, isFinal: true);
            await progress.CompleteExperimentAsync(experiment.Id, new ExperimentResult(ExperimentStatus.Completed, ce, accuracy, ran), CancellationToken.None);
        }
    }

    /// <summary>The value of <paramref name="key"/> under its dotted name or an alias (the names the schema accepts).</summary>
    private static JsonElement? Find(JsonElement root, ConfigKeyDefinition key)
    {
        foreach (string name in key.Names)
        {
            if (root.TryGetProperty(name, out JsonElement value))
            {
                return value;
            }
        }

        return null;
    }

    private static async Task WriteCheckpointAsync(IFlowProgress progress, ExperimentRecord experiment, string key, double ce, double accuracy, int ran, bool isFinal)
    {
        string name = $"flow-{progress.Flow.Id}-phase-{key}";
        string path = Path.Combine(progress.CheckpointDirectory, $"{name}-{experiment.Id}.json.gz");
        string temp = path + ".tmp";
        await using (FileStream file = File.Create(temp))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await JsonSerializer.SerializeAsync(gzip, new { experiment_id = experiment.Id, fitness = ce, accuracy, iterations = ran });
        }

        File.Move(temp, path, overwrite: true);
        await progress.RegisterCheckpointAsync(new NewCheckpoint(name, path, experiment.Id, ce, accuracy, ran,
            """{"clusters":50257,"neurons":201028,"connections":2412336,"bits_mean":10.4}""", isFinal), CancellationToken.None);
    }
}
