using System.IO.Compression;
using System.Text.Json;

namespace Wnn.Client;

/// <summary>
/// Registers existing <c>.json.gz</c> checkpoint files (as written by <c>wnn search</c>) with a server:
/// finds them, reads fitness, accuracy and iteration count when the file has them, skips registered paths.
/// </summary>
public static class CheckpointImporter
{
    private static readonly string[] FitnessKeys = ["final_fitness", "fitness", "best_fitness", "best_ce", "ce"];
    private static readonly string[] AccuracyKeys = ["final_accuracy", "accuracy", "best_accuracy"];
    private static readonly string[] IterationKeys = ["iterations_run", "iterations", "generation", "iteration"];

    /// <summary>Lists the checkpoint files under <paramref name="directory"/> (recursively), in path order.</summary>
    public static async Task<IReadOnlyList<ImportCandidate>> PlanAsync(WnnClient client, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"checkpoint directory '{root}' does not exist");
        }

        var registered = (await client.ListCheckpointsAsync(false, cancellationToken)).Select(c => c.FilePath).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<ImportCandidate>();
        foreach (string path in Directory.EnumerateFiles(root, "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            (double? fitness, double? accuracy, int? iterations) = ReadMetadata(path);
            string name = Path.GetFileName(path);
            candidates.Add(new ImportCandidate(path, name, new FileInfo(path).Length, fitness, accuracy, iterations,
                name.Contains("final", StringComparison.OrdinalIgnoreCase), registered.Contains(path)));
        }

        return candidates;
    }

    /// <summary>Registers the candidates not yet registered; returns the new checkpoint rows.</summary>
    public static async Task<IReadOnlyList<CheckpointRecord>> ImportAsync(
        WnnClient client, IEnumerable<ImportCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidates);
        var created = new List<CheckpointRecord>();
        foreach (ImportCandidate candidate in candidates.Where(c => !c.AlreadyRegistered))
        {
            created.Add(await client.RegisterCheckpointAsync(new CreateCheckpointRequest
            {
                Name = candidate.Name,
                FilePath = candidate.FilePath,
                FinalFitness = candidate.FinalFitness,
                FinalAccuracy = candidate.FinalAccuracy,
                IterationsRun = candidate.IterationsRun,
                IsFinal = candidate.IsFinal,
            }, cancellationToken));
        }

        return created;
    }

    /// <summary>Reads top-level fitness, accuracy and iteration fields of a gzip JSON file; nulls when absent or unreadable.</summary>
    public static (double? Fitness, double? Accuracy, int? Iterations) ReadMetadata(string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using JsonDocument document = JsonDocument.Parse(gzip);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            JsonElement root = document.RootElement;
            return (FirstNumber(root, FitnessKeys), FirstNumber(root, AccuracyKeys), (int?)FirstNumber(root, IterationKeys));
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            return (null, null, null);
        }
    }

    private static double? FirstNumber(JsonElement root, string[] keys)
    {
        foreach (string key in keys)
        {
            if (root.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }
        }

        return null;
    }
}
